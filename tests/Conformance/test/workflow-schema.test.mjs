// Every workflow passes the GitHub Actions schema check of @action-validator/cli (pinned in package.json; offline).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, "../node_modules/@action-validator/cli/cli.mjs");
const workflowsDir = path.resolve(here, "../../../.github/workflows");

function validate(file) {
  const run = spawnSync(process.execPath, [cli, file], { encoding: "utf8" });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

const workflows = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();

test("there are workflows to validate", () => assert.ok(workflows.length >= 3));

for (const file of workflows) {
  test(`${file} passes action-validator`, () => {
    const { code, output } = validate(path.join(workflowsDir, file));
    assert.equal(code, 0, output);
  });
}

test("action-validator refuses a misspelled job key (so a pass means something)", () => {
  const { code, output } = validate(path.resolve(here, "../testdata/workflows/schema-invalid.yml"));
  assert.equal(code, 1);
  assert.match(output, /Additional property 'permisions' is not allowed/);
});
