// The gate's model of pulumi-yaml v1.38.1 (RULES.md): for one program and one stack's config, every finding of
// R2 (config declarations, references), R3 (interpolated text), R4 (template keys) and R5 (secrecy). R1 (the host's guess) feeds
// them all and, through `symbols`, the translation tsc checks (the type half of R3).
import { evaluateConfig, stackValues } from "./config-rules.mjs";
import { checkInterpolations } from "./interpolation.mjs";
import { checkReferences } from "./resolution.mjs";
import { checkSecrecy } from "./secrecy.mjs";
import { checkTemplateKeys } from "./template-keys.mjs";

const strip = (key, project) => key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;

/**
 * @param options.config       the stack's config, shaped like PULUMI_CONFIG ("ns:key" → string)
 * @param options.secretKeys   full keys the stack holds as `secure:` (set with --secret), like RunRequest.ConfigSecretKeys
 * @param options.ourSecretKeys full keys our config reference marks Secret
 * @param options.project      PULUMI_PROJECT
 * Returns { findings, symbols } — symbols: config name → { value, type, secret, origin, … } as pulumi-yaml evaluates it.
 */
export function checkPulumiYaml(program, { config, secretKeys = [], ourSecretKeys = [], project }) {
  const stack = stackValues(config, project, new Set(secretKeys));
  const { symbols, findings } = evaluateConfig(program, stack, project);
  const reasons = new Map();
  const because = (key, why) => { const k = strip(key, project); reasons.set(k, [...new Set([...(reasons.get(k) ?? []), why])]); };
  for (const [key, decl] of Object.entries({ ...(program.configuration ?? {}), ...(program.config ?? {}) })) {
    if (decl?.secret === true) { because(key, "the program declares it `secret: true`"); if (decl.name) because(decl.name, "the program declares it `secret: true`"); }
  }
  for (const key of ourSecretKeys) because(key, "our config reference marks it Secret");
  for (const key of secretKeys) because(key, "the fixture holds it as a secret");
  findings.push(...checkReferences(program, stack.keys(), project));
  findings.push(...checkInterpolations(program, symbols, project));
  findings.push(...checkTemplateKeys(program));
  findings.push(...checkSecrecy(program, symbols, reasons, project));
  return { findings, symbols };
}

/** One line per finding: rule, place, config key, what happens, the pulumi-yaml source, the fix. */
export function formatFinding(f) {
  return `pulumi-yaml ${f.rule}: ${f.where}${f.key ? ` [config ${f.key}]` : ""}: ${f.message}. Source: ${f.source}. Fix: ${f.fix}.`;
}
