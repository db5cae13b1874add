// R3 of RULES.md, the text half: a reference inside a longer string is printed with Go's fmt "%v"
// (pulumi-yaml v1.38.1 pkg/pulumiyaml/run.go evaluateInterpolations): a number in shortest %g form, so a whole
// number of 7+ digits turns into exponent notation ("1000000" → "1e+06", pulumi/pulumi-yaml#561), "1e3" → "1000",
// "1.50" → "1.5"; a list prints "[1]", an object "map[a:1]", null "<nil>". The gate reports every interpolation
// whose config value does not print as the text it was given. (The type half — exactly "${key}" keeps the guessed
// type — is checked by tsc over the translation with the guessed values substituted.)
import { goFormatValue } from "./guess.mjs";
import { parseString, resolveRoot, walk } from "./references.mjs";

const SOURCE = "pulumi-yaml v1.38.1 pkg/pulumiyaml/run.go evaluateInterpolations (fmt.Fprintf \"%v\"); pulumi/pulumi-yaml#561";

// The text the program's author meant: the stack text, or the default as written in the program.
const intendedText = (s) => s.text ?? (typeof s.value === "string" ? s.value : JSON.stringify(s.value));

export function checkInterpolations(program, symbols, project) {
  const findings = [];
  const sections = [["variables", program.variables], ["resources", program.resources], ["outputs", program.outputs]];
  for (const [section, entries] of sections) {
    for (const [name, node] of Object.entries(entries ?? {})) {
      walk(node, `${section}.${name}`, (value, where) => {
        if (typeof value !== "string") return;
        const parsed = parseString(value);
        if (parsed.symbol) return;
        for (const ref of parsed.refs) {
          const root = resolveRoot(ref.root, program, symbols, project);
          if (root.kind !== "config" || ref.accessors.length > 0) continue;
          const s = symbols.get(root.name);
          const printed = goFormatValue(s.value);
          if (printed === intendedText(s)) continue;
          findings.push({ rule: "interpolation-changes-text", where, key: root.name,
            message: `"${value}" interpolates "${root.name}" = ${JSON.stringify(intendedText(s))}, which arrives as ${s.type} and prints as ${JSON.stringify(printed)}`,
            source: SOURCE, fix: "emit the literal text (non-secret), or read the key through a `name:` declaration with `type: string` (RULES.md R3)" });
        }
      });
    }
  }
  return findings;
}
