// Translates a Pulumi YAML program (its JSON form, as infra/compile prints it) into a TypeScript program that
// uses the official @pulumi/* SDK declarations, so that `tsc --strict --noEmit` checks every resource type,
// property name, property type, required property, output reference, invoke and resource option.
//
// The translation is deliberately literal: property names are never renamed and every object literal is passed
// straight to the constructor, so TypeScript's excess-property check catches a misspelled name.
// Anything the translator does not understand (unknown fn::, unresolved ${ref}, unknown resource type or
// section) is a TranslationError that names the place in the program; nothing is skipped silently.
//
// Semantics follow the Pulumi YAML language reference (https://www.pulumi.com/docs/iac/languages-sdks/yaml/
// yaml-language-reference/) and docs/facts.md#pulumi-yaml-compiler:
// - `${res}` in a property is the resource's ID (pulumi-yaml README: `bucket: ${my-bucket}`); in dependsOn,
//   provider, parent, deletedWith it is the resource itself.
// - a reference to an optional output is not a type error in Pulumi YAML, so references are made non-nullable.
// - short type tokens `pkg:mod:Type` expand to `pkg:mod/type:Type`; `pkg:Type` means `pkg:index:Type`.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export class TranslationError extends Error {
  constructor(problems) {
    super(`Pulumi YAML → TypeScript translation failed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

const topLevelSections = new Set(["name", "runtime", "description", "config", "configuration", "variables", "resources", "outputs", "pulumi", "packages"]);
const resourceFields = new Set(["type", "properties", "options", "get", "defaultProvider"]);
const referenceOptions = new Set(["provider", "parent", "deletedWith"]);
const referenceListOptions = new Set(["dependsOn", "replaceWith"]);
const reservedWords = new Set(("break case catch class const continue debugger default delete do else enum export extends false finally " +
  "for function if import in instanceof new null return super switch this throw true try typeof var void while with as implements " +
  "interface let package private protected public static yield any boolean constructor declare get module require number set " +
  "string symbol type from of undefined async await pulumi fs config").split(" "));

/** Resolves type and function tokens against the installed @pulumi/<package> JavaScript, where every class
 *  carries `static __pulumiType = '<token>'` and every function calls `invoke("<token>", …)`. */
export class SdkIndex {
  constructor(nodeModules = path.join(here, "node_modules")) {
    this.nodeModules = nodeModules;
    this.cache = new Map();
  }

  version(pkg) {
    return JSON.parse(readFileSync(path.join(this.packageDir(pkg), "package.json"), "utf8")).version;
  }

  packageDir(pkg) {
    const dir = path.join(this.nodeModules, "@pulumi", pkg);
    return existsSync(path.join(dir, "package.json")) ? dir : undefined;
  }

  // All tokens declared in one module folder: token → { kind: "resource" | "function", name }.
  moduleTokens(pkg, moduleDir) {
    const key = `${pkg}/${moduleDir}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const tokens = new Map();
    const dir = moduleDir ? path.join(this.packageDir(pkg), moduleDir) : this.packageDir(pkg);
    if (existsSync(dir)) {
      for (const file of readdirSync(dir)) {
        if (!file.endsWith(".js") || file === "index.js") continue;
        const text = readFileSync(path.join(dir, file), "utf8");
        const base = file.slice(0, -3);
        const cls = /static __pulumiType = '([^']+)';/.exec(text);
        // Provider classes hold only the package name; the engine's token is pulumi:providers:<pkg>.
        const clsToken = cls && !cls[1].includes(":") ? `pulumi:providers:${cls[1]}` : cls?.[1];
        if (cls) tokens.set(clsToken, { kind: "resource", name: /class (\w+) /.exec(text)?.[1], file: base, getTakesState: /static get\(name, id, state, opts\)/.test(text) });
        const fn = /invoke(?:Output|SingleOutput|Single)?\("([^"]+)"/.exec(text);
        if (fn) tokens.set(fn[1], { kind: "function", name: base, file: base, takesArgs: new RegExp(`function ${base}Output\\(args, opts\\)`).test(text) });
      }
    }
    this.cache.set(key, tokens);
    return tokens;
  }

  /** Returns { pkg, module, file, name, getTakesState } for a resource or function token, or undefined. */
  resolve(token, kind) {
    if (kind === "resource" && token.startsWith("pulumi:providers:")) {
      const pkg = token.slice("pulumi:providers:".length);
      const found = this.packageDir(pkg) && this.moduleTokens(pkg, "").get(token);
      return found ? { pkg, module: "", ...found } : undefined;
    }
    const parts = token.split(":");
    if (parts.length === 2) parts.splice(1, 0, "index");
    if (parts.length !== 3) return undefined;
    const [pkg, mod, member] = parts;
    if (!this.packageDir(pkg)) return undefined;
    const moduleDir = mod.split("/")[0] === "index" ? "" : mod.split("/")[0];
    const lower = member.charAt(0).toLowerCase() + member.slice(1);
    const candidates = mod.includes("/") ? [`${pkg}:${mod}:${member}`] : [`${pkg}:${mod}:${member}`, `${pkg}:${mod}/${lower}:${member}`];
    const tokens = this.moduleTokens(pkg, moduleDir);
    for (const candidate of candidates) {
      const found = tokens.get(candidate);
      if (found && found.kind === kind) return { pkg, module: moduleDir, ...found };
    }
    return undefined;
  }
}

const packageAlias = (pkg) => pkg.replace(/[^A-Za-z0-9_]/g, "_");

export function parseReference(text) {
  // `${root.prop[0]["key"]}` → { root, path: [ "prop", 0, "key" ] }. Root names may contain '-', ':' (config namespaces).
  const match = /^([^.[\]]+)(.*)$/s.exec(text);
  if (!match) return undefined;
  const accessors = [];
  let rest = match[2];
  while (rest.length > 0) {
    const step = /^\.([A-Za-z_$][\w$-]*)/.exec(rest) ?? /^\[(\d+)\]/.exec(rest) ?? /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
    if (!step) return undefined;
    accessors.push(/^\[\d/.test(step[0]) ? Number(step[1]) : step[1]);
    rest = rest.slice(step[0].length);
  }
  return { root: match[1].trim(), accessors };
}

// Splits "a ${x} b $${literal}" into literal text and references. As pulumi-yaml v1.38.1 ast/interpolation.go
// parseInterpolate does: every "$$" is one literal "$" ("$${x}" is the text "${x}").
export function splitInterpolation(text) {
  const parts = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$$", i)) { literal += "$"; i += 2; continue; }
    if (text.startsWith("${", i)) {
      const end = text.indexOf("}", i + 2);
      if (end < 0) return undefined;
      if (literal) parts.push({ literal });
      literal = "";
      parts.push({ reference: text.slice(i + 2, end) });
      i = end + 1;
      continue;
    }
    literal += text[i++];
  }
  if (literal || parts.length === 0) parts.push({ literal });
  return parts;
}

const helperSource = {
  defined: `function __defined<T>(value: pulumi.Output<T>): pulumi.Output<NonNullable<T>> {
    // Pulumi YAML does not reject references to optional outputs; neither do we.
    return value.apply((v) => v as NonNullable<T>);
}`,
  join: `function __join(delimiter: pulumi.Input<string>, items: pulumi.Input<pulumi.Input<string>[]>): pulumi.Output<string> {
    return pulumi.all([delimiter, pulumi.output(items)]).apply(([d, xs]) => xs.join(d));
}`,
  split: `function __split(delimiter: pulumi.Input<string>, text: pulumi.Input<string>): pulumi.Output<string[]> {
    return pulumi.all([delimiter, text]).apply(([d, t]) => t.split(d));
}`,
  select: `function __select<T>(index: pulumi.Input<number>, items: pulumi.Input<pulumi.Input<T>[]>): pulumi.Output<pulumi.Unwrap<T>> {
    return pulumi.all([index, pulumi.output(items)]).apply(([i, xs]) => xs[i] as pulumi.Unwrap<T>);
}`,
  toBase64: `function __toBase64(text: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.output(text).apply((t) => Buffer.from(t, "utf8").toString("base64"));
}`,
  readFile: `function __readFile(file: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.output(file).apply((f) => fs.readFileSync(f, "utf8"));
}`,
};

class Translator {
  constructor(program, sdk, options = {}) {
    this.program = program;
    this.sdk = sdk;
    // pulumi-yaml/model.mjs symbols: config name → the value pulumi-yaml gives it for one stack (RULES.md R1/R2).
    this.configValues = options.configValues;
    this.problems = [];
    this.helpers = new Set();
    this.packages = new Map(); // import alias → import path
    this.idents = new Set(Object.keys(helperSource).map((h) => `__${h}`)); // helper functions' names
    this.symbols = new Map(); // YAML name → { kind: "config" | "variable" | "resource", ident, … }
  }

  fail(where, message) {
    this.problems.push(`${where}: ${message}`);
    return "undefined as never";
  }

  identFor(name) {
    let ident = name.replace(/[^A-Za-z0-9_$]/g, "_");
    if (/^\d/.test(ident) || reservedWords.has(ident)) ident = `_${ident}`;
    let unique = ident;
    for (let n = 2; this.idents.has(unique); n++) unique = `${ident}_${n}`;
    this.idents.add(unique);
    return unique;
  }

  // The TypeScript expression naming a class or function of an SDK package, e.g. aws_iam.Role from
  // `import * as aws_iam from "@pulumi/aws/iam"`. Importing the module (or, for top-level members, the member's
  // file) rather than the package root keeps tsc from loading every module's declarations (~3x faster).
  // Import aliases are placeholders until the end, so that they never collide with a program's names.
  sdkMember(resolved) {
    const from = `@pulumi/${resolved.pkg}/${resolved.module || resolved.file}`;
    if (!this.packages.has(from)) this.packages.set(from, `${packageAlias(resolved.pkg)}_${resolved.module || resolved.file}`);
    return `\u0000${from}\u0000.${resolved.name}`;
  }

  // ---- expressions -------------------------------------------------------------------------------------------

  expr(node, where, deps) {
    if (node === null || node === undefined) return "undefined";
    if (typeof node === "string") return this.interpolation(node, where, deps);
    if (typeof node === "number" || typeof node === "boolean") return JSON.stringify(node);
    if (Array.isArray(node)) return `[${node.map((item, i) => this.expr(item, `${where}[${i}]`, deps)).join(", ")}]`;
    const keys = Object.keys(node);
    const fnKeys = keys.filter((k) => k.toLowerCase().startsWith("fn::"));
    if (fnKeys.length > 0) {
      if (keys.length !== 1) return this.fail(where, `a function object must have exactly one key, found ${keys.join(", ")}`);
      return this.fn(keys[0], node[keys[0]], `${where}.${keys[0]}`, deps);
    }
    return this.objectLiteral(node, where, deps);
  }

  objectLiteral(node, where, deps) {
    const entries = Object.entries(node).map(([k, v]) => `${key(k)}: ${this.expr(v, `${where}.${k}`, deps)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }

  interpolation(text, where, deps) {
    const parts = splitInterpolation(text);
    if (!parts) return this.fail(where, `unterminated interpolation in ${JSON.stringify(text)}`);
    if (parts.length === 1 && parts[0].literal !== undefined) return JSON.stringify(parts[0].literal);
    if (parts.length === 1) return this.reference(parts[0].reference, where, deps, "value");
    const body = parts.map((p) => p.literal !== undefined
      ? p.literal.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")
      : `\${${this.reference(p.reference, where, deps, "value")}}`).join("");
    return `pulumi.interpolate\`${body}\``;
  }

  // `${…}` → a typed expression. usage "value": a bare resource means its ID; "resource": the resource itself.
  reference(text, where, deps, usage) {
    const ref = parseReference(text);
    if (!ref) return this.fail(where, `cannot parse reference \${${text}}`);
    if (ref.root === "pulumi" && ref.accessors.length === 1) {
      const builtin = { stack: "pulumi.getStack()", project: "pulumi.getProject()", organization: "pulumi.getOrganization()",
        cwd: "process.cwd()", rootDirectory: "pulumi.getRootDirectory()" }[ref.accessors[0]];
      if (builtin) return builtin;
    }
    const symbol = this.symbols.get(ref.root);
    if (!symbol) return this.fail(where, `unresolved reference \${${text}}: no config, variable or resource named "${ref.root}"`);
    deps?.add(ref.root);
    if (usage === "resource") {
      if (symbol.kind !== "resource" || ref.accessors.length > 0) return this.fail(where, `\${${text}} must name a resource`);
      return symbol.ident;
    }
    if (symbol.kind === "resource") {
      if (ref.accessors.length === 0) return `${symbol.ident}.id`;
      const [first, ...rest] = ref.accessors;
      if (typeof first !== "string") return this.fail(where, `\${${text}}: a resource has no index`);
      const property = /^[A-Za-z_$][\w$]*$/.test(first) ? `${symbol.ident}.${first}` : `${symbol.ident}[${JSON.stringify(first)}]`;
      this.helpers.add("defined");
      return rest.length === 0 ? `__defined(${property})` : `__defined(${property}.apply((v) => v${chain(rest)}))`;
    }
    const value = symbol.guessed ? guessedLiteral(symbol.guessed, where) : symbol.ident;
    if (ref.accessors.length === 0) return value;
    this.helpers.add("defined");
    return `__defined(pulumi.output(${value}).apply((v) => v${chain(ref.accessors)}))`;
  }

  fn(name, arg, where, deps) {
    const key = name.toLowerCase();
    const pair = (what) => {
      if (!Array.isArray(arg) || arg.length !== 2) { this.fail(where, `expects [${what}]`); return ["undefined as never", "undefined as never"]; }
      return [this.expr(arg[0], `${where}[0]`, deps), this.expr(arg[1], `${where}[1]`, deps)];
    };
    switch (key) {
      case "fn::invoke": return this.invoke(arg, where, deps);
      case "fn::join": { const [d, xs] = pair("delimiter, list"); this.helpers.add("join"); return `__join(${d}, ${xs})`; }
      case "fn::split": { const [d, s] = pair("delimiter, string"); this.helpers.add("split"); return `__split(${d}, ${s})`; }
      case "fn::select": { const [i, xs] = pair("index, list"); this.helpers.add("select"); return `__select(${i}, ${xs})`; }
      case "fn::tojson": return `pulumi.jsonStringify(${this.expr(arg, where, deps)})`;
      case "fn::tobase64": this.helpers.add("toBase64"); return `__toBase64(${this.expr(arg, where, deps)})`;
      case "fn::secret": return `pulumi.secret(${this.expr(arg, where, deps)})`;
      case "fn::readfile": this.helpers.add("readFile"); return `__readFile(${this.expr(arg, where, deps)})`;
      case "fn::fileasset": return `new pulumi.asset.FileAsset(${this.expr(arg, where, deps)})`;
      case "fn::stringasset": return `new pulumi.asset.StringAsset(${this.expr(arg, where, deps)})`;
      case "fn::remoteasset": return `new pulumi.asset.RemoteAsset(${this.expr(arg, where, deps)})`;
      case "fn::filearchive": return `new pulumi.asset.FileArchive(${this.expr(arg, where, deps)})`;
      case "fn::remotearchive": return `new pulumi.asset.RemoteArchive(${this.expr(arg, where, deps)})`;
      case "fn::assetarchive": {
        if (arg === null || typeof arg !== "object" || Array.isArray(arg)) return this.fail(where, "expects a map of name → asset or archive");
        return `new pulumi.asset.AssetArchive(${this.objectLiteral(arg, where, deps)})`;
      }
      default: return this.fail(where, `unknown function ${name}`);
    }
  }

  invoke(arg, where, deps) {
    if (arg === null || typeof arg !== "object" || typeof arg.function !== "string") return this.fail(where, "expects { function, arguments, options, return }");
    for (const k of Object.keys(arg)) if (!["function", "arguments", "options", "return"].includes(k)) this.fail(`${where}.${k}`, "unknown fn::invoke field");
    const resolved = this.sdk.resolve(arg.function, "function");
    if (!resolved) return this.fail(where, `unknown function token "${arg.function}" (not in the installed @pulumi packages)`);
    const args = [];
    if (resolved.takesArgs) args.push(arg.arguments === undefined ? "{}" : this.expr(arg.arguments, `${where}.arguments`, deps));
    else if (arg.arguments !== undefined && (typeof arg.arguments !== "object" || Object.keys(arg.arguments ?? {}).length > 0)) {
      this.fail(`${where}.arguments`, `${arg.function} takes no arguments`);
    }
    if (arg.options !== undefined) args.push(this.options(arg.options, `${where}.options`, deps, resolved.pkg));
    const call = `${this.sdkMember(resolved)}Output(${args.join(", ")})`;
    if (arg.return === undefined) return call;
    if (typeof arg.return !== "string" || !/^[A-Za-z_$][\w$]*$/.test(arg.return)) return this.fail(`${where}.return`, "must be a property name");
    this.helpers.add("defined");
    return `__defined(${call}.apply((r) => r.${arg.return}))`;
  }

  // Resource or invoke options. A `version` must be the version of the package the gate checks against: the
  // declarations prove nothing about a different provider version.
  options(node, where, deps, pkg) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return this.fail(where, "options must be a map");
    const entries = Object.entries(node).map(([k, v]) => {
      const at = `${where}.${k}`;
      let value;
      if (referenceOptions.has(k)) value = this.resourceRef(v, at, deps);
      else if (referenceListOptions.has(k)) {
        value = Array.isArray(v) ? `[${v.map((item, i) => this.resourceRef(item, `${at}[${i}]`, deps)).join(", ")}]` : this.fail(at, "must be a list of resources");
      } else if (k === "providers") {
        value = Array.isArray(v) ? `[${v.map((item, i) => this.resourceRef(item, `${at}[${i}]`, deps)).join(", ")}]`
          : `{ ${Object.entries(v ?? {}).map(([p, r]) => `${key(p)}: ${this.resourceRef(r, `${at}.${p}`, deps)}`).join(", ")} }`;
      } else value = this.expr(v, at, deps);
      if (k === "version" && v !== this.sdk.version(pkg)) this.fail(at, `${JSON.stringify(v)} is not the version of @pulumi/${pkg} the gate checks against (${this.sdk.version(pkg)}); pin the same version`);
      return `${key(k)}: ${value}`;
    });
    return `{ ${entries.join(", ")} }`;
  }

  resourceRef(node, where, deps) {
    const parts = typeof node === "string" ? splitInterpolation(node) : undefined;
    if (!parts || parts.length !== 1 || parts[0].reference === undefined) return this.fail(where, `expects a resource reference \${name}, found ${JSON.stringify(node)}`);
    return this.reference(parts[0].reference, where, deps, "resource");
  }

  // ---- sections ----------------------------------------------------------------------------------------------

  declareConfig(section) {
    const lines = [];
    const namespaces = new Map();
    for (const [key, spec] of Object.entries(section ?? {})) {
      const where = `config.${key}`;
      const decl = spec !== null && typeof spec === "object" && !Array.isArray(spec) ? spec : { default: spec };
      for (const k of Object.keys(decl)) if (!["type", "name", "default", "secret", "description", "value", "items"].includes(k)) this.fail(`${where}.${k}`, "unknown config field");
      // pulumi-yaml: a key the stack sets has the host's guessed value; its declaration is not applied (RULES.md R2).
      if (this.configValues?.get(key)?.origin === "stack") continue;
      const readKey = typeof decl.name === "string" && decl.name ? decl.name : key; // `name:` = the stack key read
      const colon = readKey.lastIndexOf(":");
      const namespace = colon >= 0 ? readKey.slice(0, colon) : "";
      const name = colon >= 0 ? readKey.slice(colon + 1) : readKey;
      if (!namespaces.has(namespace)) {
        const ident = this.identFor(namespace ? `${namespace}_config` : "config");
        namespaces.set(namespace, ident);
        lines.push(`const ${ident} = new pulumi.Config(${namespace ? JSON.stringify(namespace) : ""});`);
      }
      const cfg = namespaces.get(namespace);
      const type = String(decl.type ?? inferType(decl.default)).toLowerCase().replace(/\s/g, "");
      const n = JSON.stringify(name);
      let read;
      let tsType;
      if (type === "string") { read = "String"; tsType = "string"; }
      else if (type === "integer" || type === "number") { read = "Number"; tsType = "number"; }
      else if (type === "boolean") { read = "Boolean"; tsType = "boolean"; }
      else if (/^list<(string|integer|number|boolean)>$/.test(type)) { read = "Object"; tsType = `${{ string: "string", integer: "number", number: "number", boolean: "boolean" }[/<(\w+)>/.exec(type)[1]]}[]`; }
      else if (type === "object" || type === "array" || type === "list") { read = "Object"; tsType = "any"; }
      else { this.fail(`${where}.type`, `unknown config type "${decl.type}"`); continue; }
      const generic = read === "Object" ? `<${tsType}>` : "";
      const method = (decl.default === undefined ? "require" : "get") + (decl.secret ? "Secret" : "") + (read === "String" ? "" : read);
      let value = `${cfg}.${method}${generic}(${n})`;
      if (decl.default !== undefined) value = decl.secret ? `pulumi.output(${value}).apply((v) => v ?? ${JSON.stringify(decl.default)})` : `(${value} ?? ${JSON.stringify(decl.default)})`;
      const ident = this.identFor(key);
      this.symbols.set(key, { kind: "config", ident });
      if (readKey === key && (namespace === "" || namespace === this.program.name)) this.symbols.set(name, { kind: "config", ident });
      lines.push(`const ${ident} = ${value};`);
    }
    // Every stack value is a config value of the program, declared or not (pulumi-yaml run.go getConfNodesFromMap).
    for (const [name, guessed] of this.configValues ?? []) {
      if (guessed.origin !== "stack") continue;
      // A resource of that name wins in pulumi-yaml; a variable loses (the model reports config-shadows-variable).
      if (Object.hasOwn(this.program.resources ?? {}, name) || Object.hasOwn(this.program.variables ?? {}, name)) continue;
      this.symbols.set(name, { kind: "config", guessed: { ...guessed, name } });
      if (guessed.fullKey !== name) this.symbols.set(guessed.fullKey, { kind: "config", guessed: { ...guessed, name } });
    }
    return lines;
  }

  resource(name, spec) {
    const where = `resources.${name}`;
    if (spec === null || typeof spec !== "object" || Array.isArray(spec)) return { code: this.fail(where, "must be a map"), deps: new Set() };
    for (const k of Object.keys(spec)) if (!resourceFields.has(k)) this.fail(`${where}.${k}`, "unknown resource field");
    const deps = new Set();
    const symbol = this.symbols.get(name);
    const resolved = typeof spec.type === "string" ? this.sdk.resolve(spec.type, "resource") : undefined;
    if (!resolved) {
      this.fail(`${where}.type`, `unknown resource type ${JSON.stringify(spec.type)} (not in the installed @pulumi packages)`);
      return { code: `const ${symbol.ident}: any = undefined;`, deps };
    }
    const cls = this.sdkMember(resolved);
    const opts = spec.options === undefined ? undefined : this.options(spec.options, `${where}.options`, deps, resolved.pkg);
    if (spec.get !== undefined) {
      if (spec.properties !== undefined) this.fail(where, "a resource with get must not have properties");
      const g = spec.get ?? {};
      for (const k of Object.keys(g)) if (!["id", "state"].includes(k)) this.fail(`${where}.get.${k}`, "unknown get field");
      if (g.id === undefined) this.fail(`${where}.get`, "id is required");
      const args = [JSON.stringify(name), this.expr(g.id, `${where}.get.id`, deps)];
      if (resolved.getTakesState) args.push(g.state === undefined ? "undefined" : this.expr(g.state, `${where}.get.state`, deps));
      else if (g.state !== undefined) this.fail(`${where}.get.state`, `${spec.type} cannot be read with a state`);
      if (opts) args.push(opts);
      return { code: `const ${symbol.ident} = ${cls}.get(${args.join(", ")});`, deps };
    }
    const props = spec.properties === undefined ? "{}" : (spec.properties !== null && typeof spec.properties === "object" && !Array.isArray(spec.properties))
      ? this.objectLiteral(spec.properties, `${where}.properties`, deps) : this.fail(`${where}.properties`, "must be a map");
    return { code: `const ${symbol.ident} = new ${cls}(${[JSON.stringify(name), props, ...(opts ? [opts] : [])].join(", ")});`, deps };
  }

  run() {
    const p = this.program;
    if (p === null || typeof p !== "object" || Array.isArray(p)) throw new TranslationError(["program: must be a JSON object"]);
    for (const k of Object.keys(p)) if (!topLevelSections.has(k)) this.fail(k, "unknown top-level section");
    const configLines = this.declareConfig({ ...(p.configuration ?? {}), ...(p.config ?? {}) });
    const variables = Object.entries(p.variables ?? {});
    const resources = Object.entries(p.resources ?? {});
    for (const [name] of variables) this.declare(name, "variable", "variables");
    for (const [name] of resources) this.declare(name, "resource", "resources");

    const nodes = new Map();
    for (const [name, value] of variables) {
      const deps = new Set();
      const code = `const ${this.symbols.get(name).ident} = ${this.expr(value, `variables.${name}`, deps)};`;
      nodes.set(name, { code, deps });
    }
    for (const [name, spec] of resources) nodes.set(name, this.resource(name, spec));
    const body = this.order(nodes);

    const outputs = Object.entries(p.outputs ?? {}).map(([name, value]) => {
      const value_ = this.expr(value, `outputs.${name}`, undefined);
      if (/^[A-Za-z_$][\w$]*$/.test(name) && !reservedWords.has(name) && !this.idents.has(name)) {
        this.idents.add(name);
        return `export const ${name} = ${value_};`;
      }
      // Any other output name is exported under its exact name (TypeScript ≥ 5.6 accepts string export names).
      const ident = this.identFor(`${name}_output`);
      return `const ${ident} = ${value_};\nexport { ${ident} as ${key(name)} };`;
    });
    if (this.problems.length) throw new TranslationError(this.problems);

    const aliases = new Map([...this.packages].sort().map(([from, alias]) => [from, this.identFor(alias)]));
    const imports = [`import * as pulumi from "@pulumi/pulumi";`,
      ...[...aliases].map(([from, alias]) => `import * as ${alias} from "${from}";`),
      ...(this.helpers.has("readFile") ? [`import * as fs from "fs";`] : [])];
    const helpers = Object.keys(helperSource).filter((h) => this.helpers.has(h)).map((h) => helperSource[h]);
    return [`// Generated by tests/Conformance/translate.mjs from the Pulumi YAML program "${p.name ?? ""}". Do not edit.`,
      ...imports, "", ...helpers, ...(helpers.length ? [""] : []), ...configLines, "", ...body, "", ...outputs, ""].join("\n").replace(/\u0000([^\u0000]+)\u0000/g, (_, from) => aliases.get(from));
  }

  declare(name, kind, section) {
    if (this.symbols.has(name) && this.symbols.get(name).kind !== "config") this.fail(`${section}.${name}`, "name is declared twice");
    if (this.symbols.has(name)) this.fail(`${section}.${name}`, "name is also a config key");
    this.symbols.set(name, { kind, ident: this.identFor(name) });
  }

  // TypeScript needs declarations before use: order variables and resources by their references (stable).
  order(nodes) {
    const out = [];
    const state = new Map();
    const visit = (name, stack) => {
      if (state.get(name) === "done") return;
      if (state.get(name) === "visiting") { this.fail(name, `reference cycle: ${[...stack, name].join(" → ")}`); return; }
      state.set(name, "visiting");
      for (const dep of nodes.get(name).deps) if (nodes.has(dep)) visit(dep, [...stack, name]);
      state.set(name, "done");
      out.push(nodes.get(name).code);
    };
    for (const name of nodes.keys()) visit(name, []);
    return out;
  }
}

// Object keys are written bare when they can be, so tsc's messages name them as the program does.
const key = (k) => /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);

function chain(accessors) {
  return accessors.map((a) => typeof a === "number" ? `?.[${a}]` : /^[A-Za-z_$][\w$]*$/.test(a) ? `?.${a}` : `?.[${JSON.stringify(a)}]`).join("");
}

// A stack value as pulumi-yaml's host types it, as a TypeScript literal of that type, marked with where it is used
// so that a tsc error on it can be told apart (check.mjs → pulumi-yaml/tsc-findings.mjs).
function guessedLiteral(guessed, where) {
  const v = guessed.value;
  const literal = typeof v === "number" ? (Number.isNaN(v) ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : Object.is(v, -0) ? "-0" : String(v))
    : JSON.stringify(v);
  const marker = JSON.stringify([where, guessed.name, guessed.text, guessed.type]).replace(/\*\//g, "*\\/");
  return `/*@pulumi-yaml ${marker}*/ ${guessed.secret ? `pulumi.secret(${literal})` : literal}`;
}

function inferType(value) {
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "boolean") return "boolean";
  if (Array.isArray(value)) return "array";
  if (value !== null && typeof value === "object") return "object";
  return "string";
}

/** Translates a parsed Pulumi YAML program to TypeScript source. Throws TranslationError listing every problem. */
export function translate(program, sdk = new SdkIndex(), options = {}) {
  return new Translator(program, sdk, options).run();
}

// CLI: node translate.mjs [program.json] > program.ts   (reads stdin when no file is given)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const input = readFileSync(process.argv[2] ?? 0, "utf8");
    process.stdout.write(translate(JSON.parse(input)));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
