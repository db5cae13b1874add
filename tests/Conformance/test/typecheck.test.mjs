// The gate must fail on the mistakes it exists to catch. One tsc run checks the valid programs and every broken
// variant together (tsc is the slow part); each test then looks at its own file's diagnostics.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { translate } from "../translate.mjs";
import { conformanceDir, typeCheck } from "../typecheck.mjs";
import { baseProgram, variant } from "../testdata/base-program.mjs";

const programs = {
  "base": baseProgram(),
  "kitchen-sink": JSON.parse(readFileSync(path.join(conformanceDir, "samples", "kitchen-sink.json"), "utf8")),
  "odd-names": {
    resources: {
      "my-role": { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
      aws_iam: { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
      class: { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
      __defined: { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
    },
    outputs: { "my-role": "${my-role.arn}", aws_iam: "${aws_iam.arn}", class: "${class}", __defined: "${__defined.name}" },
  },
  "misspelled-property": variant((p) => { delete p.resources.role.properties.namePrefix; p.resources.role.properties.namePrefx = "reader-"; }),
  "misspelled-nested-property": variant((p) => { p.resources.dcr.properties.destinations = { logAnalytic: [] }; }),
  "number-where-string": variant((p) => { p.resources.role.properties.namePrefix = 42; }),
  "string-where-number": variant((p) => { p.resources.role.properties.maxSessionDuration = "3600"; }),
  "missing-required-property": variant((p) => { delete p.resources.dcr.properties.resourceGroupName; }),
  "unknown-output-property": variant((p) => { p.outputs.readerRoleArn = "${role.arnn}"; }),
  "unknown-invoke-result": variant((p) => { p.resources.dcr.properties.destinations.logAnalytics[0].workspaceResourceId = "/subscriptions/${client.subscriptionIdd}/x"; }),
  "misspelled-option": variant((p) => { p.resources.role.options = { protekt: true }; }),
  "wrong-invoke-argument": variant((p) => { p.variables.doc = { "fn::invoke": { function: "aws:iam:getPolicyDocument", arguments: { statement: [] }, return: "json" } }; }),
};

const dir = path.join(conformanceDir, "out", `test-${process.pid}`);
const files = {};
let result;

before(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, program] of Object.entries(programs)) {
    files[name] = path.join(dir, `${name}.ts`);
    writeFileSync(files[name], translate(program));
  }
  result = typeCheck(Object.values(files));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const errorsOf = (name) => result.errors.get(path.resolve(files[name]));

test("tsc ran over every program and reported nothing outside them", () => {
  assert.deepEqual(result.other, []);
  assert.equal(result.errors.size, Object.keys(programs).length);
});

test("valid programs have 0 errors", () => {
  assert.deepEqual(errorsOf("base"), []);
  assert.deepEqual(errorsOf("kitchen-sink"), []);
  assert.deepEqual(errorsOf("odd-names"), []);
});

const expectations = {
  "misspelled-property": [/TS(2353|2561)/, /namePrefx/],
  "misspelled-nested-property": [/TS(2353|2561)/, /logAnalytic'/],
  "number-where-string": [/TS2322/, /Type 'number' is not assignable to type .*string/],
  "string-where-number": [/TS2322/, /Type 'string' is not assignable to type .*number/],
  "missing-required-property": [/TS2345/, /resourceGroupName/],
  "unknown-output-property": [/TS(2339|2551)/, /'arnn'/],
  "unknown-invoke-result": [/TS(2339|2551)/, /'subscriptionIdd'/],
  "misspelled-option": [/TS(2353|2561)/, /protekt/],
  "wrong-invoke-argument": [/TS(2353|2561)/, /'statement'/],
};

for (const [name, patterns] of Object.entries(expectations)) {
  test(`fails on ${name}`, () => {
    const errors = errorsOf(name);
    assert.equal(errors.length, 1, `expected exactly one error, got:\n${errors.join("\n")}`);
    for (const pattern of patterns) assert.match(errors[0], pattern);
  });
}
