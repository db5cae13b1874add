// The three config findings (finding 1–3 below) as regressions: the gate's pulumi-yaml model must report each on the programs the
// compiler rendered before the fix (testdata/old-programs: infra/ at 9a104f4, with the fixture configs beside them),
// and stop reporting it once the program does what RULES.md says. One tsc run checks every translation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { checkPulumiYaml } from "../pulumi-yaml/model.mjs";
import { tscFinding } from "../pulumi-yaml/tsc-findings.mjs";
import { translate } from "../translate.mjs";
import { conformanceDir, typeCheck } from "../typecheck.mjs";
import { variant } from "../testdata/base-program.mjs";

const project = "sentinel-aws-iac";
const old = (name) => ({
  program: JSON.parse(readFileSync(path.join(conformanceDir, "testdata", "old-programs", `${name}.program.json`), "utf8")),
  config: JSON.parse(readFileSync(path.join(conformanceDir, "testdata", "old-programs", `${name}.config.json`), "utf8")),
});
const appSetting = (program, name) => program.resources.workerApp.properties.siteConfig.appSettings.find((s) => s.name === name);
const settingPath = (program, name) => `resources.workerApp.properties.siteConfig.appSettings[${program.resources.workerApp.properties.siteConfig.appSettings.indexOf(appSetting(program, name))}].value`;

// What RULES.md tells the compiler to do, applied by hand to the old programs.
function fixed(name) {
  const { program, config } = old(name);
  for (const [key, text] of Object.entries(config)) {
    const k = key.slice(`${project}:`.length);
    const decl = program.config?.[k];
    if (!decl) continue;
    delete program.config[k];
    if (decl.secret) program.config[`${k}Text`] = { type: "string", name: k, secret: true };
    const literal = decl.type === "integer" ? Number(text) : text;
    const replace = (node) => {
      if (node === `\${${k}}`) return decl.secret ? { "fn::secret": `\${${k}Text}` } : literal;
      if (Array.isArray(node)) return node.map(replace);
      if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([x, v]) => [x, replace(v)]));
      return node;
    };
    for (const section of ["variables", "resources", "outputs"]) program[section] = replace(program[section]);
  }
  return { program, config };
}

const cases = {
  "dev-old": old("worker-dev-example"), "dev-fixed": fixed("worker-dev-example"),
  "accesskey-old": old("worker-accesskey-existing-workspace-managed-policy"), "accesskey-fixed": fixed("worker-accesskey-existing-workspace-managed-policy"),
  "digits-old": old("worker-tricky-digits"), "digits-fixed": fixed("worker-tricky-digits"),
  "number-into-string": { program: variant((p) => { p.config.prefix = { type: "string" }; p.resources.role.properties.namePrefix = "${prefix}"; }),
    config: { "aws:region": "us-east-1", "sentinel-aws-iac:externalId": "x", "sentinel-aws-iac:prefix": "1000000" } },
};
const dir = path.join(conformanceDir, "out", `pulumi-yaml-test-${process.pid}`);
const results = {};

before(() => {
  mkdirSync(dir, { recursive: true });
  for (const [name, { program, config }] of Object.entries(cases)) {
    const model = checkPulumiYaml(program, { config, project });
    const file = path.join(dir, `${name}.ts`);
    writeFileSync(file, translate(program, undefined, { configValues: model.symbols }));
    results[name] = { findings: model.findings, file };
  }
  const checked = typeCheck(Object.values(results).map((r) => r.file));
  for (const r of Object.values(results)) {
    const lines = readFileSync(r.file, "utf8").split("\n");
    r.tsc = checked.errors.get(path.resolve(r.file));
    r.findings.push(...r.tsc.map((e) => tscFinding(e, lines)).filter(Boolean));
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const has = (name, rule, where, key) => results[name].findings.some((f) => f.rule === rule && f.where === where && (!key || f.key === key));
const list = (name) => results[name].findings.map((f) => `${f.rule} ${f.where} [${f.key}]`);

test("finding 1: backfillDays \"7\" arrives as the number 7 in the Source__BackfillDays app setting (a string)", () => {
  const where = settingPath(cases["dev-old"].program, "Source__BackfillDays");
  assert.ok(has("dev-old", "guessed-value-type", where, "backfillDays"), list("dev-old").join("\n"));
  assert.ok(has("dev-old", "declared-type-not-applied", "config.backfillDays"), list("dev-old").join("\n"));
  assert.deepEqual(list("dev-fixed"), []);
  assert.deepEqual(results["dev-fixed"].tsc, []);
});

test("finding 2: tableRetentionDays declared integer, the stack's \"30\" a number: the declaration is not what runs", () => {
  const f = results["accesskey-old"].findings.find((x) => x.rule === "declared-type-not-applied" && x.key === "tableRetentionDays");
  assert.ok(f, list("accesskey-old").join("\n"));
  assert.match(f.message, /declared `type: integer`, but the stack value "30" arrives as number 30.*conflicting types integer, number/);
  assert.ok(!list("accesskey-fixed").some((x) => x.includes("tableRetentionDays")), list("accesskey-fixed").join("\n"));
});

test("finding 3: externalId and brokerSecretAccessKey reach the state unwrapped; a digits-only external ID is a number", () => {
  const { program } = cases["accesskey-old"];
  assert.ok(has("accesskey-old", "secret-not-wrapped", settingPath(program, "Source__ExternalId"), "externalId"), list("accesskey-old").join("\n"));
  assert.ok(has("accesskey-old", "secret-not-wrapped", "resources.readerRole.properties.assumeRolePolicy", "externalId"));
  assert.ok(has("accesskey-old", "secret-not-wrapped", "resources.brokerKeySecret.properties.properties.value", "brokerSecretAccessKey"));
  const digits = results["digits-old"].findings.filter((f) => f.rule === "guessed-value-type" && f.key === "externalId");
  assert.ok(digits.length >= 2, list("digits-old").join("\n")); // the trust policy's condition and the app setting
  assert.match(digits[0].message, /"12345678901" arrives as number \(through the variable readerExternalIdValue/);
  assert.deepEqual(list("accesskey-fixed"), []);
  assert.deepEqual(list("digits-fixed"), []);
  assert.deepEqual(results["digits-fixed"].tsc, []);
});

test("a string property receiving a guessed number fails tsc, named as a pulumi-yaml finding", () => {
  assert.ok(has("number-into-string", "guessed-value-type", "resources.role.properties.namePrefix", "prefix"), list("number-into-string").join("\n"));
  assert.match(results["number-into-string"].findings.find((f) => f.rule === "guessed-value-type").message,
    /"1000000" arrives as number, and tsc rejects it: TS2322: Type 'number' is not assignable to type 'Input<string \| undefined>'/);
});
