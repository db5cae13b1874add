// The deploy workflow reads the stack's outputs by name (steps.up.outputs.<name>, published by pulumi/actions); each
// name must be an output of both example stacks' committed programs, or the verification would get an empty value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const deploy = readFileSync(path.join(root, ".github/workflows/deploy.yml"), "utf8");
const used = [...new Set([...deploy.matchAll(/steps\.up\.outputs\.([A-Za-z0-9_]+)/g)].map((m) => m[1]))].sort();

test("the deploy workflow reads stack outputs", () => {
  assert.ok(used.includes("workspaceCustomerId") && used.includes("readerRoleArn"), used.join(", "));
});

for (const stack of ["dev", "prod"]) {
  test(`every output deploy.yml reads is an output of the ${stack} stack`, () => {
    const program = JSON.parse(readFileSync(path.join(root, "docs/stack", `${stack}.rendered.json`), "utf8"));
    const outputs = Object.keys(program.outputs ?? {});
    assert.deepEqual(used.filter((name) => !outputs.includes(name)), [], `outputs of ${stack}: ${outputs.join(", ")}`);
  });
}
