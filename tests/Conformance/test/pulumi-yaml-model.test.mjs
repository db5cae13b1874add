// Negative tests of the pulumi-yaml model (pulumi-yaml/RULES.md R2–R5): each rule reports the mistake it exists
// for, and stays quiet on the program that does it right.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkPulumiYaml, formatFinding } from "../pulumi-yaml/model.mjs";
import { baseProgram, variant } from "../testdata/base-program.mjs";

const project = "sentinel-aws-iac";
const stack = { "aws:region": "us-east-1", "sentinel-aws-iac:externalId": "conformance-test-external-id" };
const check = (program, config = stack, more = {}) => checkPulumiYaml(program, { config, project, ...more }).findings;
const rules = (findings) => findings.map((f) => `${f.rule} ${f.where}`);

test("the base program has no finding", () => {
  assert.deepEqual(check(baseProgram()).map(formatFinding), []);
});

test("R4: an unknown resource option, resource field or top-level section is reported", () => {
  const findings = check(variant((p) => {
    p.resources.role.options = { protect: false, dependsOnn: ["${rg}"] };
    p.resources.rg.propertis = {};
    p.runtime = "yaml";
  }));
  assert.deepEqual(rules(findings).sort(), ["unknown-key program.runtime", "unknown-key resources.rg.propertis", "unknown-key resources.role.options.dependsOnn"]);
  assert.match(formatFinding(findings.find((f) => f.where.endsWith("dependsOnn"))), /ignored with only a warning.*ast\/template\.go parseRecord/);
  assert.match(formatFinding(findings.find((f) => f.where === "program.runtime")), /ignored without any diagnostic/);
});

test("R4: a miscapitalized option is reported, a config entry's unknown field too", () => {
  const findings = check(variant((p) => { p.resources.role.options = { DependsOn: ["${rg}"] }; p.config.regions.description = "x"; }));
  assert.deepEqual(rules(findings).sort(), ["miscapitalized-key resources.role.options.DependsOn", "unknown-key config.regions.description"]);
});

test("R2: an integer declaration of a key the stack sets to \"30\": not applied, integer vs number", () => {
  const program = variant((p) => { p.config.days = { type: "integer" }; p.resources.role.properties.maxSessionDuration = "${days}"; });
  const findings = check(program, { ...stack, "sentinel-aws-iac:days": "30" });
  assert.deepEqual(rules(findings), ["declared-type-not-applied config.days"]);
  assert.match(findings[0].message, /arrives as number 30.*conflicting types integer, number/);
  assert.deepEqual(check(program, { ...stack, "sentinel-aws-iac:days": "030" }).map((f) => f.message.match(/arrives as \w+/)[0]), ["arrives as string"]);
});

test("R2: a string declaration does not keep \"7\" a string; the same declaration not set by the stack is fine", () => {
  const program = variant((p) => { p.config.days = { type: "string", default: "7" }; });
  assert.deepEqual(rules(check(program, { ...stack, "sentinel-aws-iac:days": "7" })), ["declared-type-not-applied config.days"]);
  assert.deepEqual(check(program), []);
});

test("R2: declarations pulumi-yaml refuses when the stack does not set the key", () => {
  const findings = check(variant((p) => {
    p.config.a = { type: "integer" };                 // no default, not set
    p.config.b = {};                                  // no type, no default
    p.config.c = { type: "integer", default: "x" };   // default of another type
    p.config.d = { type: "List<Strin>" };             // no such type
    p.config.e = { type: "integer", default: 5 };     // fine
  }));
  assert.deepEqual(findings.map((f) => `${f.where}: ${f.message}`), [
    "config.a: missing required configuration variable 'sentinel-aws-iac:a'",
    "config.b: unable to infer type: either 'default' or 'type' is required",
    "config.c: type mismatch: default value of type string but type integer was specified",
    "config.d: unexpected configuration type 'List<Strin>'",
  ]);
});

test("R2: a stack value named like a variable replaces the variable", () => {
  const findings = check(baseProgram(), { ...stack, "sentinel-aws-iac:client": "x" });
  assert.deepEqual(rules(findings), ["config-shadows-variable variables.client"]);
});

test("R2: a reference pulumi-yaml cannot resolve is reported", () => {
  const findings = check(variant((p) => { p.outputs.x = "${conformance-test:externalId}"; p.outputs.y = "${nothing}"; }));
  assert.deepEqual(rules(findings), ["unresolved-reference outputs.x", "unresolved-reference outputs.y"]);
  assert.match(findings[0].message, /only with the program's name "conformance-test" stripped/);
});

test("R3: interpolating a number the host guessed prints Go's %v, not the text that was set", () => {
  const program = variant((p) => { p.config.suffix = { type: "string" }; p.resources.role.properties.namePrefix = "reader-${suffix}-"; });
  const findings = check(program, { ...stack, "sentinel-aws-iac:suffix": "1048576" });
  assert.deepEqual(rules(findings), ["declared-type-not-applied config.suffix", "interpolation-changes-text resources.role.properties.namePrefix"]);
  assert.match(findings[1].message, /prints as "1\.048576e\+06"/);
  assert.deepEqual(rules(check(program, { ...stack, "sentinel-aws-iac:suffix": "abc" })), []);
});

test("R5: a secret used without fn::secret is reported, through variables too", () => {
  const findings = check(variant((p) => {
    p.resources.role.properties.assumeRolePolicy["fn::toJSON"].Statement[0].Condition.StringEquals["sts:ExternalId"] = "${id}";
    p.variables.id = "${externalId}";
  }));
  assert.deepEqual(rules(findings), ["secret-not-wrapped resources.role.properties.assumeRolePolicy.fn::toJSON.Statement[0].Condition.StringEquals.sts:ExternalId"]);
  assert.match(findings[0].message, /via id ← externalId.*declares it `secret: true`/);
});

test("R5: secret because our config or the fixture says so, even when the program does not declare it", () => {
  const program = variant((p) => { delete p.config.externalId; p.outputs.id = "${externalId}"; });
  assert.deepEqual(check(program), []);
  assert.deepEqual(rules(check(program, stack, { ourSecretKeys: ["sentinel-aws-iac:externalId"] })), ["secret-not-wrapped outputs.id"]);
  assert.deepEqual(rules(check(program, stack, { secretKeys: ["sentinel-aws-iac:externalId"] })), ["secret-not-wrapped outputs.id"]);
  assert.deepEqual(check(variant((p) => { delete p.config.externalId; p.outputs.id = { "fn::secret": "${externalId}" }; }), stack,
    { ourSecretKeys: ["sentinel-aws-iac:externalId"] }), []);
});

test("R5/R3: a `name:` declaration with secret: true is secret without fn::secret, and reads the raw text", () => {
  const program = variant((p) => {
    delete p.config.externalId; // a declaration of the stack key itself would not be applied (R2)
    p.config.externalIdText = { type: "string", name: "externalId", secret: true };
    p.resources.role.properties.assumeRolePolicy["fn::toJSON"].Statement[0].Condition.StringEquals["sts:ExternalId"] = "${externalIdText}";
  });
  const result = checkPulumiYaml(program, { config: { ...stack, "sentinel-aws-iac:externalId": "12345678901" }, project });
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.symbols.get("externalIdText"), { value: "12345678901", type: "string", secret: true, origin: "declaration",
    text: "12345678901", declaredKey: "externalId", declaredType: "string", declaredSecret: true });
  assert.equal(result.symbols.get("externalId").type, "number");
});

test("R6: a package or version the config-less rendering does not reference is reported", async () => {
  const { checkRequiredPackages } = await import("../pulumi-yaml/required-packages.mjs");
  const program = variant((p) => { p.resources.id = { type: "random:RandomUuid", options: { version: "4.21.2" } }; });
  assert.deepEqual(checkRequiredPackages(program, program), []);
  assert.deepEqual(checkRequiredPackages(baseProgram(), program).map((f) => f.message.slice(0, 28)), ["uses package random at 4.21."]);
  const older = variant((p) => { p.resources.id = { type: "random:RandomUuid", options: { version: "4.20.0" } }; });
  assert.match(checkRequiredPackages(older, program)[0].message, /random at 4\.21\.2, .* references only at 4\.20\.0/);
});
