// The KQL the documentation tells users to run (```kusto blocks in README.md and docs/**/*.md, e.g. the detection rule
// adapted to AWSCloudTrailAll) is analysed by the Kusto language service against the committed rendering of the
// example stack (docs/stack/dev.rendered.json): its tables and its AWSCloudTrailAll function, as deployed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkProgramKql } from "../kql/check-kql.mjs";
import { conformanceDir } from "../typecheck.mjs";

const repoRoot = path.resolve(conformanceDir, "..", "..");

function markdownFiles() {
  const files = [path.join(repoRoot, "README.md")];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".md")) files.push(full);
    }
  };
  walk(path.join(repoRoot, "docs"));
  return files;
}

test("every kusto block of the documentation analyses without errors against the deployed schema", () => {
  const rendered = JSON.parse(readFileSync(path.join(repoRoot, "docs", "stack", "dev.rendered.json"), "utf8"));
  const blocks = [];
  for (const file of markdownFiles()) {
    for (const m of readFileSync(file, "utf8").matchAll(/^```(?:kusto|kql)\n([\s\S]*?)^```/gm)) {
      blocks.push({ where: `${path.relative(repoRoot, file)}:${readFileSync(file, "utf8").slice(0, m.index).split("\n").length}`, kql: m[1] });
    }
  }
  assert.ok(blocks.length >= 1, "the documentation has kusto blocks (the detection rule)");

  const program = structuredClone(rendered);
  blocks.forEach((b, i) => {
    program.resources[`doc${i}`] = { type: "azure-native:operationalinsights:SavedSearch", properties: { query: b.kql } };
  });
  const problems = checkProgramKql(program).problems;
  assert.deepEqual(problems, [], problems.map((p) => p.replace(/^kql doc(\d+)/, (_, i) => `kql ${blocks[i].where}`)).join("\n"));

  // The same check fails on a block that misspells a column of the function's result.
  program.resources.doc0.properties.query = blocks[0].kql.replace("UserIdentityArn", "UserIdentityArm");
  assert.match(checkProgramKql(program).problems.join("\n"), /kql doc0 query \d+:\d+ KS142: The name 'UserIdentityArm'/);
});
