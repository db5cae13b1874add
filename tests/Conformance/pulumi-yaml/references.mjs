// How pulumi-yaml v1.38.1 reads `${…}` in a string (pkg/pulumiyaml/ast/expr.go ParseExpr: exactly "${x}" is a symbol,
// any other text around it makes an interpolation) and what a reference's root names (pkg/pulumiyaml/run.go
// evaluatePropertyAccess: a resource, else a config value, else a variable, else a config value with the
// "<project>:" prefix stripped). Shared by the secrecy and interpolation rules.
import { parseReference, splitInterpolation } from "../translate.mjs";

/** The parts of a string: { symbol: ref } for exactly "${x}", { parts } otherwise (literal text and refs). */
export function parseString(text) {
  const parts = splitInterpolation(text) ?? [{ literal: text }];
  const refs = parts.filter((p) => p.reference !== undefined).map((p) => ({ text: p.reference, ...(parseReference(p.reference) ?? { root: p.reference, accessors: [] }) }));
  if (parts.length === 1 && refs.length === 1) return { symbol: refs[0], refs };
  return { parts, refs };
}

/** What the root of a reference names: { kind: "resource" | "config" | "variable" | "missing", name }. */
export function resolveRoot(root, program, configSymbols, project) {
  if (Object.hasOwn(program.resources ?? {}, root)) return { kind: "resource", name: root };
  if (configSymbols.has(root)) return { kind: "config", name: root };
  if (root === "pulumi" || Object.hasOwn(program.variables ?? {}, root)) return { kind: "variable", name: root };
  const stripped = root.startsWith(`${project}:`) ? root.slice(project.length + 1) : undefined;
  if (stripped !== undefined && configSymbols.has(stripped)) return { kind: "config", name: stripped };
  return { kind: "missing", name: root };
}

const isFn = (node) => node !== null && typeof node === "object" && !Array.isArray(node) && Object.keys(node).length === 1 && Object.keys(node)[0].toLowerCase().startsWith("fn::");

/** Visits every value below `node`: visit(value, where, fnAncestors) where fnAncestors are the fn:: names above it. */
export function walk(node, where, visit, fnAncestors = []) {
  visit(node, where, fnAncestors);
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${where}[${i}]`, visit, fnAncestors));
  else if (node !== null && typeof node === "object") {
    const fn = isFn(node) ? Object.keys(node)[0].toLowerCase() : undefined;
    for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`, visit, fn ? [...fnAncestors, fn] : fnAncestors);
  }
}

/** The program's places pulumi-yaml evaluates and stores: resource properties and get, and outputs ({ where, node }). */
export function storedValues(program) {
  const places = [];
  for (const [name, resource] of Object.entries(program.resources ?? {})) {
    if (resource?.properties !== undefined) places.push({ where: `resources.${name}.properties`, node: resource.properties });
    if (resource?.get !== undefined) places.push({ where: `resources.${name}.get`, node: resource.get });
  }
  for (const [name, value] of Object.entries(program.outputs ?? {})) places.push({ where: `outputs.${name}`, node: value });
  return places;
}
