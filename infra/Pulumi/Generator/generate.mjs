// Generates the typed Pulumi layer (infra/Pulumi/{Aws,AzureNative,Random}/**.cs and PackageVersions.g.cs) from the
// pinned @pulumi/* TypeScript declarations in tests/Conformance/node_modules, for the resource types and functions
// listed in types.json. Names follow the Pulumi .NET SDK: Pulumi.Aws.Iam.Role + RoleArgs, nested inputs in
// <namespace>.Inputs (invoke inputs end InputArgs), nested outputs in <namespace>.Outputs (invoke results end Result),
// functions as static classes with Invoke(args, options).
//
// Usage: node infra/Pulumi/Generator/generate.mjs [--out <dir>]   (default: infra/Pulumi; run
//        `bash tests/Conformance/install.sh` first). tests/Infra.Tests GeneratedLayerTests fails when the
//        checked-in files differ from a fresh run.
//
// The declarations are read syntactically (the TypeScript compiler API parses them; the checker only resolves the
// names inputs.x.Y / outputs.x.Y / enums.x.Y to their declarations): every property keeps its TypeScript type's
// shape, so a wrong property name or value type is a C# compile error. Anything the mapping does not understand
// stops the generator with the property's path; nothing is skipped silently.
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const nodeModules = path.join(repo, "tests/Conformance/node_modules");
const ts = createRequire(path.join(nodeModules, "noop.js"))("typescript");

const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.resolve(here, "..");
const manifest = JSON.parse(readFileSync(path.join(here, "types.json"), "utf8"));
const rootNamespace = "SentinelAwsIac.Infra.Pulumi";

const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const csNamespaceSegment = (name) => {
  const mapped = manifest.namespaces[name];
  if (!mapped) throw new Error(`types.json has no C# namespace for '${name}'`);
  return mapped;
};

// ---- the declarations --------------------------------------------------------------------------------------

function tokenParts(token) {
  const parts = token.split(":");
  if (parts.length === 2) parts.splice(1, 0, "index");
  const [pkg, module, member] = parts;
  return { pkg, module, member };
}

function declarationFile({ pkg, module, member }) {
  const dir = path.join(nodeModules, "@pulumi", pkg, module === "index" ? "" : module);
  return path.join(dir, `${lowerFirst(member)}.d.ts`);
}

const entries = [
  ...manifest.resources.map((token) => ({ kind: "resource", token, ...tokenParts(token) })),
  ...manifest.functions.map((token) => ({ kind: "function", token, ...tokenParts(token) })),
];
for (const entry of entries) {
  entry.file = declarationFile(entry);
  if (!existsSync(entry.file)) throw new Error(`${entry.token}: no declaration file ${path.relative(repo, entry.file)}`);
}

const program = ts.createProgram(entries.map((e) => e.file), { noEmit: true, skipLibCheck: true, types: [], noResolve: false });
const checker = program.getTypeChecker();
const versions = Object.fromEntries([...new Set(entries.map((e) => e.pkg))].sort().map((pkg) =>
  [pkg, JSON.parse(readFileSync(path.join(nodeModules, "@pulumi", pkg, "package.json"), "utf8")).version]));

function topLevel(sourceFile, kind, name) {
  const found = sourceFile.statements.find((s) => s.kind === kind && s.name?.text === name);
  return found;
}

function docOf(node) {
  const docs = ts.getJSDocCommentsAndTags(node).filter((d) => d.kind === ts.SyntaxKind.JSDoc);
  const text = docs.map((d) => (typeof d.comment === "string" ? d.comment : (d.comment ?? []).map((c) => c.text).join(""))).join(" ");
  const first = text.split(/\n\s*\n/)[0].replace(/\s+/g, " ").trim();
  return first.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function isDeprecated(node) {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === "deprecated");
}

// ---- type mapping ------------------------------------------------------------------------------------------

const typeName = (node) => (node.kind === ts.SyntaxKind.TypeReference ? node.typeName.getText() : undefined);

function unwrap(node, wrapper) {
  while (node.kind === ts.SyntaxKind.ParenthesizedType) node = node.type;
  if (typeName(node) === wrapper && node.typeArguments?.length === 1) return unwrap(node.typeArguments[0], wrapper);
  return node;
}

/** Removes `undefined` from a union; tells whether it was there. */
function withoutUndefined(node) {
  while (node.kind === ts.SyntaxKind.ParenthesizedType) node = node.type;
  if (node.kind !== ts.SyntaxKind.UnionType) return { node, optional: false };
  const kept = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
  if (kept.length === node.types.length) return { node, optional: false };
  return { node: kept.length === 1 ? kept[0] : ts.factory.createUnionTypeNode(kept), optional: true, members: kept };
}

function unionMembers(node) {
  return node.kind === ts.SyntaxKind.UnionType ? [...node.types] : [node];
}

/** The declaration a name such as inputs.iam.GetPolicyDocumentStatementArgs refers to. */
function declarationOf(reference) {
  let symbol = checker.getSymbolAtLocation(reference.typeName);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations?.[0];
}

/** pkg and TS namespace (e.g. aws + iam) of a declaration in types/input.d.ts or types/output.d.ts. */
function moduleOf(declaration) {
  const file = declaration.getSourceFile().fileName;
  const pkg = /@pulumi\/([^/]+)\//.exec(file)[1];
  const names = [];
  for (let n = declaration.parent; n; n = n.parent) {
    if (n.kind === ts.SyntaxKind.ModuleDeclaration) names.unshift(n.name.text);
  }
  return { pkg, module: names.join(".") || "index" };
}

function namespaceFor(pkg, module) {
  const segments = [csNamespaceSegment(pkg)];
  if (module && module !== "index") segments.push(...module.split(".").map(csNamespaceSegment));
  return segments.join(".");
}

// Nested classes to emit: key → { kind: "input" | "output", pkg, module, tsName, csName, declaration, flavour }
const nested = new Map();

function nestedClass(reference, flavour, where) {
  const declaration = declarationOf(reference);
  if (!declaration || declaration.kind !== ts.SyntaxKind.InterfaceDeclaration) {
    throw new Error(`${where}: ${reference.getText()} does not name an interface`);
  }
  const { pkg, module } = moduleOf(declaration);
  const tsName = declaration.name.text;
  let csName = tsName;
  // The .NET SDK ends every resource input type with Args (@pulumi/aws writes inputs.iam.RoleInlinePolicy).
  if (flavour === "resourceInput" && !tsName.endsWith("Args")) csName = `${tsName}Args`;
  if (flavour === "invokeInput") csName = tsName.replace(/Args$/, "") + "InputArgs";
  if (flavour === "invokeResult") csName = tsName + "Result";
  const kind = flavour === "resourceInput" || flavour === "invokeInput" ? "Inputs" : "Outputs";
  const ns = `${namespaceFor(pkg, module)}.${kind}`;
  const key = `${ns}.${csName}`;
  if (!nested.has(key)) nested.set(key, { key, ns, csName, declaration, flavour, kind });
  return `global::${rootNamespace}.${ns}.${csName}`;
}

const enums = new Map(); // key → { ns, csName, values }

function enumStruct(reference, where) {
  const declaration = declarationOf(reference);
  const file = declaration?.getSourceFile();
  const match = file && /@pulumi\/([^/]+)\/types\/enums\/([^/]+)\/index\.d\.ts$/.exec(file.fileName);
  if (!match) throw new Error(`${where}: ${reference.getText()} is not an enum of types/enums/<module>`);
  const [, pkg, module] = match;
  const csName = declaration.name.text;
  const constant = file.statements.find((s) => s.kind === ts.SyntaxKind.VariableStatement && s.declarationList.declarations[0].name.text === csName);
  const literal = constant?.declarationList.declarations[0].type;
  if (!literal || literal.kind !== ts.SyntaxKind.TypeLiteral) throw new Error(`${where}: enum ${csName} has no constant object`);
  const values = literal.members.map((m) => {
    if (m.type.kind !== ts.SyntaxKind.LiteralType || m.type.literal.kind !== ts.SyntaxKind.StringLiteral) throw new Error(`${where}: enum ${csName}.${m.name.getText()} is not a string`);
    return { name: m.name.getText().replace(/^"|"$/g, ""), value: m.type.literal.text, doc: docOf(m) };
  });
  const ns = namespaceFor(pkg, module);
  enums.set(`${ns}.${csName}`, { ns, csName, values, pkg, doc: docOf(declaration) });
  return `global::${rootNamespace}.${ns}.${csName}`;
}

const isAssetReference = (n) => /^pulumi\.asset\./.test(typeName(n) ?? "");

/** C# type of one value (no Input wrapper): string, double, bool, object, a nested class, AssetOrArchive. */
function valueType(node, flavour, where) {
  node = unwrap(node, "pulumi.Input");
  const { node: bare } = withoutUndefined(node);
  const members = unionMembers(bare);
  if (members.length > 1) {
    if (members.some((m) => m.kind === ts.SyntaxKind.StringKeyword)) return "string"; // string | enum, string | PolicyDocument
    if (members.every(isAssetReference)) return "AssetOrArchive";
    if (members.every((m) => /^enums\./.test(typeName(m) ?? ""))) return "string";
    throw new Error(`${where}: union ${bare.getText()} has no C# mapping`);
  }
  const single = members[0];
  switch (single.kind) {
    case ts.SyntaxKind.StringKeyword: return "string";
    case ts.SyntaxKind.NumberKeyword: return "double";
    case ts.SyntaxKind.BooleanKeyword: return "bool";
    case ts.SyntaxKind.AnyKeyword: return "object";
    case ts.SyntaxKind.ArrayType: return `ImmutableArray<${valueType(single.elementType, flavour, where)}>`;
    // A discriminator such as kind: "AmazonWebServicesCloudTrail" (a string constant; the .NET SDK types it string).
    case ts.SyntaxKind.LiteralType:
      if (single.literal.kind === ts.SyntaxKind.StringLiteral) return "string";
      throw new Error(`${where}: literal type ${single.getText()} has no C# mapping`);
    case ts.SyntaxKind.TypeReference: {
      const name = typeName(single);
      if (/^(inputs|outputs)\./.test(name)) return nestedClass(single, flavour, where);
      // An enum alone: a struct of string constants, as the .NET SDK has it (enums.storage.BlobAccessTier →
      // Pulumi.AzureNative.Storage.BlobAccessTier.Hot).
      if (/^enums\./.test(name)) return enumStruct(single, where);
      if (isAssetReference(single)) return name === "pulumi.asset.Asset" ? "Asset" : "AssetOrArchive";
      throw new Error(`${where}: type ${name} has no C# mapping`);
    }
    default:
      throw new Error(`${where}: type ${single.getText()} has no C# mapping`);
  }
}

/** The C# property type of an input property: Input<T>, InputList<T> or InputMap<T>. */
function inputType(node, flavour, where) {
  const inner = withoutUndefined(unwrap(node, "pulumi.Input")).node;
  if (inner.kind === ts.SyntaxKind.ArrayType) return { shape: "list", cs: `InputList<${valueType(inner.elementType, flavour, where)}>` };
  const index = indexSignature(inner);
  if (index) return { shape: "map", cs: `InputMap<${valueType(index, flavour, where)}>` };
  return { shape: "value", cs: `Input<${valueType(inner, flavour, where)}>` };
}

function indexSignature(node) {
  if (node.kind !== ts.SyntaxKind.TypeLiteral) return undefined;
  const [member] = node.members;
  return node.members.length === 1 && member.kind === ts.SyntaxKind.IndexSignature ? member.type : undefined;
}

/** The C# type of a plain (output or result) value: string?, ImmutableArray<T>, ImmutableDictionary<string, T>, … */
function plainType(node, flavour, where) {
  node = unwrap(node, "pulumi.Output");
  const { node: bare, optional } = withoutUndefined(node);
  if (bare.kind === ts.SyntaxKind.ArrayType) return `ImmutableArray<${plainType(bare.elementType, flavour, where)}>`;
  const index = indexSignature(bare);
  if (index) return `ImmutableDictionary<string, ${plainType(index, flavour, where)}>`;
  const value = valueType(bare, flavour, where);
  return optional ? `${value}?` : value;
}

// ---- C# emission -------------------------------------------------------------------------------------------

const header = (sources) => `// <auto-generated>
// Generated by infra/Pulumi/Generator/generate.mjs from ${sources}. Do not edit: change types.json or the
// generator and run \`node infra/Pulumi/Generator/generate.mjs\` (tests/Infra.Tests GeneratedLayerTests checks it).
// </auto-generated>
#nullable enable
`;

function propertyName(tsName, className) {
  const name = upperFirst(tsName.replace(/[^A-Za-z0-9_]/g, "_"));
  return name === className ? `${name}Value` : name;
}

function summary(text, indent) {
  return text ? `${indent}/// <summary>${text}</summary>\n` : "";
}

function argsMembers(members, className, flavour, where) {
  let text = "";
  for (const member of members) {
    if (member.kind !== ts.SyntaxKind.PropertySignature || !member.type) continue;
    const name = member.name.text;
    const required = !member.questionToken;
    const { shape, cs } = inputType(member.type, flavour, `${where}.${name}`);
    const prop = propertyName(name, className);
    const attribute = required ? `[Input("${name}", required: true)]` : `[Input("${name}")]`;
    text += summary(docOf(member), "    ");
    if (isDeprecated(member)) text += `    [Obsolete]\n`;
    text += `    ${attribute}\n`;
    if (shape === "value") {
      text += required
        ? `    public required ${cs} ${prop} { get => Get<${cs}>("${name}")!; set => Set("${name}", value); }\n\n`
        : `    public ${cs}? ${prop} { get => Get<${cs}>("${name}"); set => Set("${name}", value); }\n\n`;
    } else {
      const make = shape === "list" ? "GetList" : "GetMap";
      const element = cs.slice(cs.indexOf("<") + 1, -1);
      // Not `required` even when the provider requires it, so that `X = { a, b }` works; the serializer checks it.
      text += `    public ${cs} ${prop} { get => ${make}<${element}>("${name}"); set => Set("${name}", value); }\n\n`;
    }
  }
  return text.replace(/\n\n$/, "\n");
}

function plainMembers(members, className, flavour, where) {
  let text = "";
  for (const member of members) {
    if (![ts.SyntaxKind.PropertySignature, ts.SyntaxKind.PropertyDeclaration].includes(member.kind) || !member.type) continue;
    const name = member.name.text;
    const cs = plainType(member.type, flavour, `${where}.${name}`);
    const nullable = cs.endsWith("?") || cs.startsWith("ImmutableArray<") ? "" : " = default!;";
    text += summary(docOf(member), "    ");
    text += `    [Output("${name}")]\n    public ${cs} ${propertyName(name, className)} { get; init; }${nullable}\n\n`;
  }
  return text.replace(/\n\n$/, "\n");
}

const files = new Map(); // relative path → text

function emit(ns, className, body, usings, sources) {
  const relative = path.join(...ns.split("."), `${className}.cs`);
  // Nested classes of the file's own module by their short name (Inputs.X, Outputs.Y), as the .NET SDK writes them.
  const module = ns.replace(/\.(Inputs|Outputs)$/, "");
  body = body.replaceAll(`global::${rootNamespace}.${module}.Inputs.`, "Inputs.").replaceAll(`global::${rootNamespace}.${module}.Outputs.`, "Outputs.");
  const text = `${header(sources)}${usings.map((u) => `using ${u};\n`).join("")}
namespace ${rootNamespace}.${ns};

${body}`;
  files.set(relative, text);
}

const coreUsings = ["System.Collections.Immutable", "SentinelAwsIac.Infra.Pulumi"];
const sourceOf = (pkg) => `@pulumi/${pkg} ${versions[pkg]}`;

for (const entry of entries) {
  const sourceFile = program.getSourceFile(entry.file);
  const ns = namespaceFor(entry.pkg, entry.module);
  const where = entry.token;
  if (entry.kind === "resource") {
    const cls = topLevel(sourceFile, ts.SyntaxKind.ClassDeclaration, entry.member);
    const args = topLevel(sourceFile, ts.SyntaxKind.InterfaceDeclaration, `${entry.member}Args`);
    if (!cls || !args) throw new Error(`${where}: class ${entry.member} or interface ${entry.member}Args not found`);
    const outputs = cls.members.filter((m) => m.kind === ts.SyntaxKind.PropertyDeclaration && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) && !m.name.text.startsWith("_"));
    let outputText = "";
    for (const member of outputs) {
      const name = member.name.text;
      const cs = plainType(member.type, "resourceOutput", `${where}.${name}`);
      outputText += summary(docOf(member), "    ");
      outputText += `    [Output("${name}")]\n    public Output<${cs}> ${propertyName(name, entry.member)} => OutputOf<${cs}>("${name}");\n\n`;
    }
    const argsRequired = args.members.some((m) => m.kind === ts.SyntaxKind.PropertySignature && !m.questionToken);
    const argsParameter = argsRequired ? `${entry.member}Args args` : `${entry.member}Args? args = null`;
    const body = `${summary(docOf(cls), "")}[ResourceType("${entry.token}", "${versions[entry.pkg]}")]
public sealed class ${entry.member} : CustomResource
{
    public ${entry.member}(string name, ${argsParameter}, CustomResourceOptions? options = null)
        : base("${entry.token}", "${versions[entry.pkg]}", name, args${argsRequired ? "" : ` ?? new ${entry.member}Args()`}, options)
    {
    }

    private ${entry.member}(string name, Input<string> id, CustomResourceOptions? options)
        : base("${entry.token}", "${versions[entry.pkg]}", name, id, options)
    {
    }

    /// <summary>An existing resource, read by its ID: the stack uses it and never creates or deletes it.</summary>
    public static ${entry.member} Get(string name, Input<string> id, CustomResourceOptions? options = null) => new(name, id, options);

${outputText.replace(/\n\n$/, "\n")}}

/// <summary>The arguments of <see cref="${entry.member}"/>.</summary>
public sealed class ${entry.member}Args : ResourceArgs
{
${argsMembers(args.members, `${entry.member}Args`, "resourceInput", where)}}
`;
    emit(ns, entry.member, body, coreUsings, sourceOf(entry.pkg));
  } else {
    const fn = entry.member;
    const className = upperFirst(fn);
    const outputFn = sourceFile.statements.find((s) => s.kind === ts.SyntaxKind.FunctionDeclaration && s.name?.text === `${fn}Output`);
    if (!outputFn) throw new Error(`${where}: function ${fn}Output not found`);
    const args = topLevel(sourceFile, ts.SyntaxKind.InterfaceDeclaration, `${className}OutputArgs`);
    const result = topLevel(sourceFile, ts.SyntaxKind.InterfaceDeclaration, `${className}Result`);
    if (!result) throw new Error(`${where}: interface ${className}Result not found`);
    const argsText = args
      ? `
/// <summary>The arguments of <see cref="${className}"/>.</summary>
public sealed class ${className}InvokeArgs : InvokeArgs
{
${argsMembers(args.members, `${className}InvokeArgs`, "invokeInput", where)}}
`
      : "";
    const parameters = args ? `${className}InvokeArgs? args = null, InvokeOptions? options = null` : "InvokeOptions? options = null";
    const body = `${summary(docOf(outputFn), "")}public static class ${className}
{
    public static Output<${className}Result> Invoke(${parameters})
        => Output<${className}Result>.Invoke("${entry.token}", "${versions[entry.pkg]}", ${args ? "args ?? new()" : "null"}, options);
}
${argsText}
/// <summary>What <see cref="${className}"/> returns.</summary>
[OutputType]
public sealed class ${className}Result
{
${plainMembers(result.members, `${className}Result`, "invokeResult", where)}}
`;
    emit(ns, className, body, coreUsings, sourceOf(entry.pkg));
  }
}

// Nested classes, until no new one is referenced.
for (const done = new Set(); done.size < nested.size;) {
  for (const item of [...nested.values()]) {
    if (done.has(item.key)) continue;
    done.add(item.key);
    const { pkg } = moduleOf(item.declaration);
    const where = item.key;
    const members = item.declaration.members;
    const body = item.kind === "Inputs"
      ? `${summary(docOf(item.declaration), "")}public sealed class ${item.csName} : ResourceArgs
{
${argsMembers(members, item.csName, item.flavour, where)}}
`
      : `${summary(docOf(item.declaration), "")}[OutputType]
public sealed class ${item.csName}
{
${plainMembers(members, item.csName, item.flavour, where)}}
`;
    emit(item.ns, item.csName, body, coreUsings, sourceOf(pkg));
  }
}

for (const item of enums.values()) {
  const members = item.values.map((v) => `${summary(v.doc, "    ")}    public static ${item.csName} ${propertyName(v.name.replace(/[^A-Za-z0-9_]/g, "_"), item.csName)} { get; } = new("${v.value}");\n`).join("");
  const body = `${summary(item.doc, "")}public readonly record struct ${item.csName} : IStringEnum
{
    private ${item.csName}(string value) => Value = value;

    public string Value { get; }

${members}}
`;
  emit(item.ns, item.csName, body, ["SentinelAwsIac.Infra.Pulumi"], sourceOf(item.pkg));
}

files.set("PackageVersions.g.cs", `${header(Object.keys(versions).map(sourceOf).join(", "))}
namespace ${rootNamespace};

/// <summary>The provider versions the typed layer was generated from; every resource and invoke pins its package's.</summary>
public static class PackageVersions
{
${Object.entries(versions).map(([pkg, version]) => `    public const string ${csNamespaceSegment(pkg)} = "${version}";\n`).join("")}
    public static readonly IReadOnlyDictionary<string, string> ByPackage = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
${Object.entries(versions).map(([pkg, version]) => `        ["${pkg}"] = "${version}",\n`).join("")}    };
}
`);

for (const top of new Set(Object.keys(versions).map(csNamespaceSegment))) rmSync(path.join(out, top), { recursive: true, force: true });
for (const [relative, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const target = path.join(out, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text);
}
process.stderr.write(`generated ${files.size} files under ${path.relative(process.cwd(), out) || "."}\n`);
