// Every workflow in .github/workflows follows the repository's CI rules (workflows/policy.mjs): no long-lived cloud
// secret, every job declares its permissions, every action pinned by commit SHA. The rules are tested on fixtures too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workflowViolations } from "../workflows/policy.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const workflowsDir = path.resolve(here, "../../../.github/workflows");
const fixtures = path.resolve(here, "../testdata/workflows");
const workflows = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort();

test("the repository has the pull-request, deploy and destroy workflows", () => {
  assert.deepEqual(workflows, ["deploy.yml", "destroy.yml", "pull-request.yml"]);
});

for (const file of workflows) {
  test(`${file} follows the CI rules`, () => {
    assert.deepEqual(workflowViolations(readFileSync(path.join(workflowsDir, file), "utf8")), []);
  });
}

test("a workflow with stored keys, an unpinned action and no permissions is refused on each count", () => {
  const violations = workflowViolations(readFileSync(path.join(fixtures, "long-lived-secrets.yml"), "utf8"));
  const has = (pattern) => assert.ok(violations.some((v) => pattern.test(v)), `expected ${pattern} in:\n${violations.join("\n")}`);
  has(/secrets\.AZURE_CREDENTIALS/);
  has(/azure\/login creds/);
  has(/aws-access-key-id/);
  has(/actions\/checkout@v4 is not pinned/);
  has(/configure-aws-credentials@e6de.* has no tag comment/);
  has(/job deploy: declares no permissions/);
  has(/job deploy: logs in to a cloud without id-token: write/);
  has(/azure\/login without client-id/);
  has(/without role-to-assume/);
});

test("OIDC logins, local actions and GITHUB_TOKEN are allowed", () => {
  assert.deepEqual(workflowViolations(readFileSync(path.join(fixtures, "good.yml"), "utf8")), []);
});

test("every job of the real workflows that logs in asks for an OIDC token and nothing broader than it needs", () => {
  for (const file of workflows) {
    const text = readFileSync(path.join(workflowsDir, file), "utf8");
    assert.doesNotMatch(text, /permissions:\s*(write-all|read-all)/, `${file}: blanket permissions`);
    assert.doesNotMatch(text, /contents:\s*write/, `${file}: no job pushes to the repository`);
  }
});
