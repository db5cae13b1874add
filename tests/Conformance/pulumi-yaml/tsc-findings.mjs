// R3 of RULES.md, the type half: exactly "${key}" is the host's guessed value itself (pulumi-yaml v1.38.1
// pkg/pulumiyaml/ast/expr.go ParseExpr makes it a symbol; pkg/server/server.go yamlLanguageHost.Run guessed its type),
// and the analyser lets a number or bool into a string property (analyser.go isAssignable: "we coerce numbers to
// strings"), so the provider is the first to reject it (azure-native: "should be of type 'string' but got a number",
// pulumi/pulumi-yaml#577 and pulumi/pulumi-yaml#602). translate.mjs writes such values as literals of the guessed type with a marker
// /*@pulumi-yaml [where, key, text, type]*/; this turns a tsc error on a marked literal into a finding.
const SOURCE = "pulumi-yaml v1.38.1 pkg/server/server.go yamlLanguageHost.Run (type guessing) + pkg/pulumiyaml/ast/expr.go ParseExpr (\"${x}\" is the value itself); pulumi/pulumi-yaml#577, pulumi/pulumi-yaml#602";
const MARKED = /^(?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*")?\s*:?\s*(?:pulumi\.secret\()?\/\*@pulumi-yaml (\[.*?\])\*\//;

/** tsc diagnostic "file.ts:line:col TSxxxx: message" + the file's lines → a finding, or undefined if not on a marked value. */
export function tscFinding(diagnostic, lines) {
  const m = /^[^:]+:(\d+):(\d+) (TS\d+: [\s\S]*)$/.exec(diagnostic);
  if (!m) return undefined;
  const at = (lines[Number(m[1]) - 1] ?? "").slice(Number(m[2]) - 1);
  let marked = MARKED.exec(at);
  let via = "";
  let usedIn;
  if (!marked) {
    // the value reached here through a variable: `value: readerExternalIdValue` → `const readerExternalIdValue = /*@…*/ …;`
    const ident = /^(?:(?:[A-Za-z_$][\w$]*|"(?:[^"\\]|\\.)*")\s*:\s*)?([A-Za-z_$][\w$]*)\b(?!\s*[:.(])/.exec(at)?.[1];
    const definition = ident && lines.find((l) => l.startsWith(`const ${ident} = `));
    marked = definition && MARKED.exec(definition.slice(`const ${ident} = `.length));
    if (!marked) return undefined;
    const user = /^const ([\w$]+) = (new )?/.exec(lines[Number(m[1]) - 1] ?? "");
    usedIn = user && `${user[2] ? "resources" : "variables"}.${user[1]}`;
    via = ` (through the variable ${ident}${usedIn ? `, used in ${usedIn}` : ""})`;
  }
  const [where, key, text, type] = JSON.parse(marked[1]);
  return { rule: "guessed-value-type", where: usedIn ?? where, key,
    message: `the stack value ${JSON.stringify(text)} arrives as ${type}${via}, and tsc rejects it: ${m[3].split("\n")[0].replace(/\.$/, "")}`,
    source: SOURCE,
    fix: "emit the value as a literal of the property's type (non-secret), or read the key through a `name:` declaration with `type: string` (RULES.md R3)" };
}
