// What a `${name…}` can name in pulumi-yaml v1.38.1: a config declaration, a stack value (its key with
// "<project>:" stripped), a resource, a variable or `pulumi`. pkg/pulumiyaml/sort.go topologicallySortedResources
// (visit) also tries the name with "<template name>:" stripped; a name still unknown is a missingNode, which
// analyser.go typeMissing reports: "resource, variable, or config value %q not found". At run time
// run.go evaluatePropertyAccess strips "<project>:" (ctx.Project()) instead, so both must find it.
import { parseString, walk } from "./references.mjs";

const SOURCE = "pulumi-yaml v1.38.1 pkg/pulumiyaml/sort.go topologicallySortedResources (visit → missingNode) + analyser.go typeMissing; run.go evaluatePropertyAccess";

export function checkReferences(program, stackKeys, project) {
  const known = new Set(["pulumi", ...Object.keys(program.config ?? {}), ...Object.keys(program.configuration ?? {}), ...stackKeys,
    ...Object.keys(program.resources ?? {}), ...Object.keys(program.variables ?? {})]);
  const strip = (prefix, name) => name.startsWith(`${prefix}:`) ? name.slice(prefix.length + 1) : name;
  const templateName = program.name ?? project; // LoadFromCompiler takes Pulumi.yaml's name when the program has none
  const findings = [];
  const sections = [["variables", program.variables], ["resources", program.resources], ["outputs", program.outputs]];
  for (const [section, entries] of sections) {
    for (const [name, node] of Object.entries(entries ?? {})) {
      walk(node, `${section}.${name}`, (value, where) => {
        if (typeof value !== "string") return;
        for (const ref of parseString(value).refs) {
          const sorted = known.has(ref.root) || known.has(strip(templateName, ref.root));
          const evaluated = known.has(ref.root) || known.has(strip(project, ref.root));
          if (sorted && evaluated) continue;
          findings.push({ rule: "unresolved-reference", where,
            message: sorted ? `\`\${${ref.text}}\` resolves only with the program's name "${templateName}" stripped; at run time pulumi-yaml strips the project "${project}": "resource or variable named ${JSON.stringify(ref.root)} could not be found"`
              : `resource, variable, or config value ${JSON.stringify(ref.root)} not found`,
            source: SOURCE, fix: "declare the config key under the name the program uses, or reference it by its declared key" });
        }
      });
    }
  }
  return findings;
}
