// Stands in for `bash infra/compile` in the runner's test: checks that it is run the way Pulumi runs a compiler,
// then prints the program named after PULUMI_STACK (or fails like a compiler that rejects its config).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { baseProgram, variant } from "./base-program.mjs";

assert.equal(process.env.PULUMI_PROJECT, "sentinel-aws-iac");
assert.equal(process.env.SENTINEL_AWS_IAC_NO_PUBLISH, "1");
assert.ok(existsSync("Pulumi.yaml"), "the compiler runs in the folder of Pulumi.yaml");
const config = JSON.parse(process.env.PULUMI_CONFIG);
assert.equal(config["aws:region"], "us-east-1");

const programs = {
  good: () => baseProgram(),
  "misspelled-property": () => variant((p) => { p.resources.rg.properties.locaton = "westeurope"; }),
  "unresolved-reference": () => variant((p) => { p.outputs.x = "${nothing.here}"; }),
  "misspelled-kql-column": () => variant((p) => {
    const at = { resourceGroupName: "${rg.name}", workspaceName: "workspace" };
    p.resources.table = { type: "azure-native:operationalinsights:Table", properties: { ...at, tableName: "Health_CL",
      schema: { name: "Health_CL", columns: [{ name: "TimeGenerated", type: "dateTime" }, { name: "State", type: "string" }] } } };
    p.resources.search = { type: "azure-native:operationalinsights:SavedSearch", properties: { ...at, category: "c", displayName: "d",
      query: "Health_CL | where Stat == \"failing\"" } };
  }),
};
const make = programs[process.env.PULUMI_STACK];
if (!make) {
  process.stderr.write(`error: config ${process.env.PULUMI_STACK}: invalid\n`);
  process.exit(3);
}
process.stdout.write(JSON.stringify(make()));
