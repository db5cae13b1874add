// R2 of RULES.md: which value each config name has in a pulumi-yaml program run, and what pulumi-yaml says about
// the program's `config:` declarations. Our model of pulumi-yaml v1.38.1 (commit 36f271cf):
// - pkg/pulumiyaml/run.go getConfNodesFromMap: every stack value becomes a config node named by its key with
//   "<project>:" stripped ("aws:region" stays "aws:region").
// - sort.go topologicallySortedResources puts declarations first, stack values after; analyser.go walker.EvalConfig
//   registers the stack values in the first walk (setDefaultProviders), and run.go Runner.Run then skips every
//   declaration whose key is registered ("config already registered", pulumi/pulumi-yaml#861, commit eb642e1e): for a key the stack sets,
//   the declaration's type, secret and default are never applied (run_test.go TestConfigMapOverride).
// - run.go registerConfig, case configNodeYaml: a declaration the stack does not override reads the key named by
//   `name:` (default: its own key) with the declared type; the errors below are its error messages.
// - ast/template.go TemplateDecl.GetConfig: `config` entries, then `configuration` entries whose key is not in `config`.
import { guessConfigValue, typeOf } from "./guess.mjs";

export const SOURCE = {
  override: "pulumi-yaml v1.38.1 pkg/pulumiyaml/run.go Runner.Run (\"config already registered\") + registerConfig case configNodeProp; test TestConfigMapOverride",
  declaration: "pulumi-yaml v1.38.1 pkg/pulumiyaml/run.go registerConfig case configNodeYaml",
  conflict: "pulumi-yaml v1.38.1 pkg/pulumiyaml/analyser.go typeCache.typeConfig / isTypeCompatible",
  shadow: "pulumi-yaml v1.38.1 pkg/pulumiyaml/sort.go checkUniqueNode (no error when a stack value shares a name) + run.go evaluatePropertyAccess (resources, then config, then variables)",
  types: "pulumi-yaml v1.38.1 pkg/pulumiyaml/config/config.go Parse",
};

// config/config.go Parse: the declared type names (case-insensitive).
export function parseConfigType(name) {
  const s = String(name).toLowerCase();
  const list = /^list<(.*)>$/.exec(s);
  if (list) { const inner = parseConfigType(list[1]); return inner && !inner.startsWith("list<") ? `list<${inner}>` : undefined; }
  return { string: "string", bool: "boolean", boolean: "boolean", number: "number", int: "integer", integer: "integer", object: "object" }[s];
}

// The config type a guessed value has (resource.PropertyValue.TypeString, then config.Parse): number, boolean, ...
const guessedConfigType = (v) => ({ number: "number", bool: "boolean", string: "string", object: "object", list: "list", null: "null" })[typeOf(v)];

// ctypes.TypeValue of a default; a whole number under a declared integer counts as an integer (registerConfig).
function defaultType(value, declared) {
  const t = guessedConfigType(value);
  if (t === "number" && declared === "integer" && Number.isInteger(value)) return "integer";
  if (t === "list") {
    const inner = [...new Set(value.map((v) => guessedConfigType(v)))];
    return inner.length === 1 ? `list<${inner[0]}>` : "list";
  }
  return t;
}

// The Go SDK's typed reads (sdk/go/pulumi/config try.go: spf13/cast conversions; errors become 0 / false silently).
function typedRead(type, text) {
  if (type === "string") return { value: text, exact: true };
  if (type === "integer") {
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[1-9][0-9]*|0)(?:\.0*)?$/.exec(text);
    if (!m) return { value: 0, exact: false, note: `cast.ToInt cannot parse "${text}": 0` };
    const digits = m[2].replace(/^0(?=[0-7])/, "0o");
    const value = Number(m[1] === "-" ? -Number(digits) : Number(digits));
    return { value, exact: String(value) === text, note: String(value) === text ? undefined : `cast.ToInt reads "${text}" as ${value}` };
  }
  if (type === "number") {
    const value = Number(text);
    return Number.isFinite(value) && text.trim() !== "" ? { value, exact: true } : { value: 0, exact: false, note: `cast.ToFloat64 cannot parse "${text}": 0` };
  }
  if (type === "boolean") {
    const map = { 1: true, t: true, T: true, TRUE: true, true: true, True: true, 0: false, f: false, F: false, FALSE: false, false: false, False: false };
    return text in map ? { value: map[text], exact: true } : { value: false, exact: false, note: `cast.ToBool cannot parse "${text}": false` };
  }
  try { return { value: JSON.parse(text), exact: true }; } catch { return { error: `cannot unmarshal "${text}" as ${type}` }; }
}

/** The stack's values as the host hands them to the program: Map node key → { fullKey, text, value, type, rule, secret }. */
export function stackValues(config, project, secretKeys = new Set()) {
  const values = new Map();
  for (const [fullKey, text] of Object.entries(config)) {
    const nodeKey = fullKey.startsWith(`${project}:`) ? fullKey.slice(project.length + 1) : fullKey;
    const guess = guessConfigValue(text);
    values.set(nodeKey, { fullKey, text: String(text), ...guess, secret: secretKeys.has(fullKey), origin: "stack" });
  }
  return values;
}

/**
 * Evaluates the program's config as pulumi-yaml does for this stack.
 * Returns { symbols: Map name → { value, type, secret, origin: "stack" | "declaration", text?, declaredKey? }, findings }.
 */
export function evaluateConfig(program, stack, project) {
  const findings = [];
  const symbols = new Map(stack);
  const declared = new Map(Object.entries(program.config ?? {}));
  for (const [k, v] of Object.entries(program.configuration ?? {})) if (!declared.has(k)) declared.set(k, v);
  const project_ = (key) => key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;

  for (const [key, raw] of declared) {
    const where = `config.${key}`;
    const decl = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : { value: raw };
    const declaredType = decl.type === undefined ? undefined : parseConfigType(decl.type);
    const fromStack = stack.get(key);
    if (fromStack) {
      // The declaration is skipped; only its claims can be compared with what arrives.
      if (decl.type !== undefined && declaredType !== guessedConfigType(fromStack.value)) {
        const analyser = declaredType === "integer" && fromStack.type === "number"
          ? ` (what ${SOURCE.conflict} calls "cannot have conflicting types integer, number")` : "";
        findings.push({ rule: "declared-type-not-applied", where, key,
          message: `declared \`type: ${decl.type}\`, but the stack value ${JSON.stringify(fromStack.text)} arrives as ${fromStack.type === "null" ? "null" : `${fromStack.type} ${JSON.stringify(fromStack.value)}`} (${fromStack.rule}): a declaration of a key the stack sets is not applied${analyser}`,
          source: SOURCE.override,
          fix: "emit the value as a typed literal and drop the declaration, or (for a secret) declare it under another key with `name:` pointing at this one (RULES.md R3)" });
      }
      continue;
    }
    const name = decl.name ?? key;
    const problem = (message, source = SOURCE.declaration) => findings.push({ rule: "config-declaration-invalid", where, key, message, source,
      fix: "declare `type` (string, integer, number, boolean, object, list<T>) and a default of that type, or set the key in every stack" });
    if (decl.type === undefined && decl.default === undefined) { problem("unable to infer type: either 'default' or 'type' is required"); continue; }
    if (decl.type !== undefined && !declaredType) { problem(`unexpected configuration type '${decl.type}'`, SOURCE.types); continue; }
    if (decl.default !== undefined) {
      const t = defaultType(decl.default, declaredType);
      if (declaredType && t !== declaredType) { problem(`type mismatch: default value of type ${t} but type ${declaredType} was specified`); continue; }
    }
    const type = declaredType ?? defaultType(decl.default);
    const target = stack.get(project_(name)) ?? stack.get(name);
    const isSecretInConfig = target?.secret === true;
    if (isSecretInConfig && decl.secret === false) { problem("Cannot mark a configuration value as not secret if the associated config value is secret"); continue; }
    let value = decl.default;
    let text;
    if (target) {
      const read = typedRead(type, target.text);
      if (read.error) { problem(read.error); continue; }
      if (!read.exact) {
        findings.push({ rule: "declared-type-not-applied", where, key, message: `reads ${JSON.stringify(target.text)} as ${type}: ${read.note}`,
          source: `${SOURCE.declaration} (Go SDK config.Try* with spf13/cast)`, fix: "declare it `type: string` or give a value of the declared type" });
      }
      value = read.value;
      text = target.text;
    } else if (decl.default === undefined) {
      // Go SDK config.Try: ensureKey puts "<project>:" before a key without a namespace
      problem(`missing required configuration variable '${name.includes(":") ? name : `${project}:${name}`}'`);
      continue;
    }
    symbols.set(key, { value, type: typeOf(value), secret: isSecretInConfig || decl.secret === true, origin: "declaration", text, declaredKey: name, declaredType: type,
      declaredSecret: decl.secret === true });
  }

  // A stack value and a variable of the same name: pulumi-yaml reads the stack value.
  for (const name of Object.keys(program.variables ?? {})) {
    if (stack.has(name)) {
      findings.push({ rule: "config-shadows-variable", where: `variables.${name}`, key: stack.get(name).fullKey,
        message: `the stack sets "${stack.get(name).fullKey}", so \`\${${name}}\` is that stack value, not this variable`, source: SOURCE.shadow,
        fix: "rename the variable, or reject the key in the compiler's config validation" });
    }
  }
  return { symbols, findings };
}
