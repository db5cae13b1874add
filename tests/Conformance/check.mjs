// Conformance gate runner. For every stack fixture (a JSON object shaped like PULUMI_CONFIG) it runs the infra
// compiler the way Pulumi's YAML runtime does (docs/facts.md#pulumi-yaml-compiler: from the folder of Pulumi.yaml, with
// PULUMI_STACK / PULUMI_PROJECT / PULUMI_ORGANIZATION / PULUMI_CONFIG / PULUMI_ROOT_DIRECTORY), runs the pulumi-yaml
// model over the program and the fixture's values (pulumi-yaml/RULES.md, model.mjs), translates stdout to
// out/<fixture>.ts with each stack value as a literal of the type pulumi-yaml's host guesses for it, then
// type-checks all programs with ONE tsc, then checks every program's KQL with the Kusto language service
// (kql/check-kql.mjs). It also renders once without config, as pulumi-yaml's GetRequiredPackages does (R6). Prints per-fixture error counts (tsc and KQL), `kql: N queries, M errors`
// and a last line `conformance: N programs, M errors` (M includes the KQL errors); exits 1 on any error.
//
// Usage: node check.mjs [--stacks <dir>] [--compiler "<command line>"] [--out <dir>]
//   --compiler defaults to Pulumi.yaml's `bash infra/compile`; split on spaces and run without a shell.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { translate, SdkIndex, TranslationError } from "./translate.mjs";
import { conformanceDir, typeCheck } from "./typecheck.mjs";
import { builtInSchemas, checkProgramKql } from "./kql/check-kql.mjs";
import { checkPulumiYaml, formatFinding } from "./pulumi-yaml/model.mjs";
import { tscFinding } from "./pulumi-yaml/tsc-findings.mjs";
import { checkRequiredPackages } from "./pulumi-yaml/required-packages.mjs";

const repoRoot = path.resolve(conformanceDir, "..", "..");
const args = process.argv.slice(2);
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const stacksDir = path.resolve(option("--stacks", path.join(conformanceDir, "stacks")));
const compiler = option("--compiler", "bash infra/compile").split(" ").filter(Boolean);
const outDir = path.resolve(option("--out", path.join(conformanceDir, "out")));
const project = "sentinel-aws-iac";

// The keys our config calls secret (pulumi-yaml model, RULES.md R5): from `infra/compile config-reference`, whose
// table marks them **Secret**; --secret-keys "<ns:key>,…" names them for another compiler.
function ourSecretKeys() {
  if (args.includes("--secret-keys")) return option("--secret-keys", "").split(",").filter(Boolean);
  if (args.includes("--compiler")) return [];
  const run = spawnSync(compiler[0], [...compiler.slice(1), "config-reference"], { cwd: repoRoot, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const keys = [...(run.stdout ?? "").matchAll(/^\| `([^`]+)` \|.*\*\*Secret\*\*/gm)].map((m) => m[1]);
  if (run.status !== 0 || keys.length === 0) {
    console.error(`conformance: \`${compiler.join(" ")} config-reference\` named no **Secret** key (exit ${run.status}): ${(run.stderr ?? "").trim().slice(0, 500)}`);
    process.exit(1);
  }
  return keys;
}
const secretKeysOfOurConfig = ourSecretKeys();

// <name>.secret-keys.json beside a fixture: the keys that stack holds as `secure:` (RunRequest.ConfigSecretKeys).
const secretKeysSuffix = ".secret-keys.json";
const fixtures = readdirSync(stacksDir).filter((f) => f.endsWith(".json") && !f.endsWith(secretKeysSuffix)).sort();
if (fixtures.length === 0) { console.error(`conformance: no stack fixtures in ${stacksDir}`); process.exit(1); }
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith(".ts")) rmSync(path.join(outDir, f)); // stale programs only

const sdk = new SdkIndex();
const results = []; // { name, file?, problems: string[] }
const timing = { compile: 0, model: 0, translate: 0, tsc: 0, kql: 0 };

// pulumi-yaml/RULES.md R6: GetRequiredPackages runs the compiler without the stack's environment; the plugins it
// names are those installed. Checked for our compiler only (a stand-in compiler given with --compiler is not).
let configless;
if (!args.includes("--compiler")) {
  const entry = { name: "no-config (GetRequiredPackages)", problems: [] };
  results.push(entry);
  const env = { ...process.env, SENTINEL_AWS_IAC_NO_PUBLISH: "1" };
  for (const k of ["PULUMI_STACK", "PULUMI_PROJECT", "PULUMI_ORGANIZATION", "PULUMI_CONFIG", "PULUMI_ROOT_DIRECTORY"]) delete env[k];
  const started = performance.now();
  const run = spawnSync(compiler[0], compiler.slice(1), { cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 600_000, env });
  timing.compile += performance.now() - started;
  try {
    if (run.error || run.status !== 0) throw new Error(`exit ${run.status ?? run.error?.message}: ${(run.stderr ?? "").trim().slice(0, 1000)}`);
    configless = JSON.parse(run.stdout);
  } catch (e) {
    entry.problems.push(`pulumi-yaml required-packages: the compiler run without PULUMI_CONFIG/PULUMI_STACK (as pulumi-yaml v1.38.1 server.go GetRequiredPackages runs it) must print a program: ${e.message}`);
  }
}
for (const fixture of fixtures) {
  const name = fixture.slice(0, -".json".length);
  const config = readFileSync(path.join(stacksDir, fixture), "utf8");
  const result = { name, problems: [] };
  results.push(result);
  try { JSON.parse(config); } catch (e) { result.problems.push(`fixture is not JSON: ${e.message}`); continue; }

  let started = performance.now();
  const run = spawnSync(compiler[0], compiler.slice(1), {
    cwd: repoRoot, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 600_000,
    env: { ...process.env, PULUMI_STACK: name, PULUMI_PROJECT: "sentinel-aws-iac", PULUMI_ORGANIZATION: "organization",
      PULUMI_CONFIG: config, PULUMI_ROOT_DIRECTORY: repoRoot, SENTINEL_AWS_IAC_NO_PUBLISH: "1" },
  });
  timing.compile += performance.now() - started;
  if (run.error || run.status !== 0) {
    // stderr is the compiler's own message (fixtures hold only fake secrets); stdout is never echoed.
    result.problems.push(`compiler ${compiler.join(" ")} failed (${run.error?.message ?? `exit ${run.status}`}): ${(run.stderr ?? "").trim().slice(0, 2000)}`);
    continue;
  }

  started = performance.now();
  let findings = [];
  try {
    const program = JSON.parse(run.stdout);
    result.program = program;
    // The pulumi-yaml model (pulumi-yaml/RULES.md): its findings, and the values tsc checks in place of `${key}`.
    const modelStarted = performance.now();
    const secretKeysFile = path.join(stacksDir, `${name}${secretKeysSuffix}`);
    const secretKeys = existsSync(secretKeysFile) ? JSON.parse(readFileSync(secretKeysFile, "utf8")) : [];
    const model = checkPulumiYaml(program, { config: JSON.parse(config), secretKeys, ourSecretKeys: secretKeysOfOurConfig, project });
    findings = [...model.findings, ...(configless ? checkRequiredPackages(configless, program) : [])];
    timing.model += performance.now() - modelStarted;
    const ts = translate(program, sdk, { configValues: model.symbols });
    result.file = path.join(outDir, `${name}.ts`);
    writeFileSync(result.file, ts);
  } catch (e) {
    if (e instanceof TranslationError) {
      result.problems.push(...e.problems.map((p) => `translation: ${p}`));
      // a reference the translator cannot resolve either is reported once, by the translator
      findings = findings.filter((f) => f.rule !== "unresolved-reference" || !e.problems.some((p) => p.startsWith(`${f.where}: unresolved reference`)));
    } else result.problems.push(`program on stdout is not valid JSON or cannot be translated: ${e.message}`);
  }
  result.problems.unshift(...findings.map(formatFinding));
  timing.translate += performance.now() - started;
}

const files = results.filter((r) => r.file).map((r) => r.file);
let other = [];
if (files.length) {
  const started = performance.now();
  const checked = typeCheck(files);
  timing.tsc = performance.now() - started;
  for (const r of results) {
    if (!r.file) continue;
    // a tsc error on a guessed config value is a pulumi-yaml finding (pulumi-yaml/tsc-findings.mjs)
    const lines = readFileSync(r.file, "utf8").split("\n");
    r.problems.push(...checked.errors.get(path.resolve(r.file)).map((e) => { const f = tscFinding(e, lines); return f ? `${formatFinding(f)} (${e.split(" ")[0]})` : e; }));
  }
  other = checked.other;
}

// KQL: every query of every program, analysed by the Kusto language service against the program's own tables
// (kql/check-kql.mjs). Built-in tables one program declares (e.g. through a Microsoft- data flow) serve the others.
const kql = { queries: 0, errors: 0 };
{
  const started = performance.now();
  const builtIns = new Map();
  for (const r of results) if (r.program) for (const [table, columns] of builtInSchemas(r.program)) if (!builtIns.has(table)) builtIns.set(table, columns);
  for (const r of results) {
    if (!r.program) continue;
    let checked;
    try { checked = checkProgramKql(r.program, builtIns); } catch (e) { checked = { queries: 0, problems: [`kql: the check itself failed: ${e.stack ?? e}`] }; }
    kql.queries += checked.queries;
    kql.errors += checked.problems.length;
    r.problems.push(...checked.problems);
  }
  timing.kql = performance.now() - started;
}

let total = other.length;
for (const r of results) {
  total += r.problems.length;
  console.log(`${r.name}: ${r.problems.length} error${r.problems.length === 1 ? "" : "s"}${r.file ? ` (${path.relative(repoRoot, r.file)})` : ""}`);
  for (const p of r.problems) console.log(`  ${p.replace(/\n/g, "\n  ")}`);
}
for (const p of other) console.log(`tsc: ${p}`);
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(`kql: ${kql.queries} queries, ${kql.errors} errors`);
console.log(`timing: compile ${s(timing.compile)}, pulumi-yaml model ${s(timing.model)}, translate ${s(timing.translate)}, tsc ${s(timing.tsc)}, kql ${s(timing.kql)}`);
console.log(`conformance: ${results.length} programs, ${total} errors`);
process.exit(total === 0 ? 0 : 1);
