// The gate's KQL check (kql/check-kql.mjs) on small programs: the correct program passes, and each kind of mistake
// (a misspelled column, a wrong table, a syntax error, a column missing behind a stored function, a broken DCR
// transformation, an interpolation without a default, KQL in a place the gate does not know) is reported with the
// resource, the query and the diagnostic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { builtInSchemas, checkProgramKql, substitute } from "../kql/check-kql.mjs";

const columns = [
  { name: "TimeGenerated", type: "dateTime" }, { name: "Partition", type: "string" }, { name: "State", type: "string" },
  { name: "LagSeconds", type: "real" }, { name: "Events", type: "long" }, { name: "ReadOnly", type: "boolean" },
];

function program() {
  return {
    config: { lagMinutes: { type: "integer", default: 60 }, email: { type: "string" } },
    resources: {
      healthTable: { type: "azure-native:operationalinsights:Table", properties: { tableName: "Health_CL", schema: { name: "Health_CL", columns } } },
      cloudTrailTable: { type: "azure-native:operationalinsights:Table", properties: { tableName: "Trail_CL", schema: { name: "Trail_CL", columns } } },
      allFunction: { type: "azure-native:operationalinsights:SavedSearch", properties: { functionAlias: "TrailAll",
        query: "union isfuzzy=true (Trail_CL | project TimeGenerated, State), (AWSCloudTrail | project TimeGenerated, State)" } },
      lagAlert: { type: "azure-native:monitor:ScheduledQueryRule", properties: { criteria: { allOf: [{
        query: "Health_CL\n| summarize arg_max(TimeGenerated, State, LagSeconds) by Partition\n| where State != \"parked\" and LagSeconds > ${lagMinutes} * 60" }] } } },
      workbook: { type: "azure-native:applicationinsights:Workbook", properties: { serializedData: { "fn::toJSON": { version: "Notebook/1.0", items: [
        { type: 1, content: { json: "text" } },
        { type: 12, content: { items: [{ type: 3, content: { query: "TrailAll | summarize count() by State", queryType: 0 } }] } },
      ] } } } },
      rule: { type: "azure-native:monitor:DataCollectionRule", properties: {
        streamDeclarations: { "Custom-Health_CL": { columns: [{ name: "TimeGenerated", type: "datetime" }, { name: "State", type: "string" }] } },
        dataFlows: [{ streams: ["Custom-Health_CL"], outputStream: "Custom-Health_CL", transformKql: "source | where State != \"\"" }] } },
    },
  };
}

const errorsOf = (p) => checkProgramKql(p).problems;

test("a correct program: every query is found and none has an error", () => {
  const result = checkProgramKql(program());
  assert.deepEqual(result.problems, []);
  assert.equal(result.queries, 4); // function body, alert, workbook item inside a group, DCR transformation
});

test("a misspelled column is reported with the resource, the position, the diagnostic and the query", () => {
  const p = program();
  p.resources.lagAlert.properties.criteria.allOf[0].query = p.resources.lagAlert.properties.criteria.allOf[0].query.replace("LagSeconds >", "LagSecond >");
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^kql lagAlert criteria\.allOf\[0\]\.query 3:\d+ KS142: The name 'LagSecond' does not refer to any known column/);
  assert.match(problems[0], /\| where State != "parked" and LagSecond > 60 \* 60/); // the query as analysed, default substituted
});

test("a wrong table is reported", () => {
  const p = program();
  p.resources.lagAlert.properties.criteria.allOf[0].query = "Healt_CL | take 1";
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^kql lagAlert criteria\.allOf\[0\]\.query 1:1 KS204: The name 'Healt_CL' does not refer to any known table/);
});

test("a syntax error is reported", () => {
  const p = program();
  p.resources.allFunction.properties.query = "Trail_CL | where";
  const problems = errorsOf(p);
  assert.ok(problems.some((x) => /^kql allFunction query 1:\d+ KS\d+: Missing expression/.test(x)), problems.join("\n"));
});

test("a column the stored function does not return is reported in the workbook query that calls it", () => {
  const p = program();
  p.resources.workbook.properties.serializedData["fn::toJSON"].items[1].content.items[0].content.query = "TrailAll | summarize count() by Partition";
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^kql workbook serializedData\.items\[1\]\.content\.items\[0\]\.content\.query 1:\d+ KS142: The name 'Partition'/);
});

test("a built-in table no program declares is unknown; another program of the run can declare it", () => {
  const p = program();
  delete p.resources.cloudTrailTable; // neither a mirroring table nor a Microsoft- data flow declares AWSCloudTrail
  p.resources.allFunction.properties.query = "AWSCloudTrail | project TimeGenerated, State"; // as in the sentinel mode
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^kql allFunction query 1:1 KS204: The name 'AWSCloudTrail'/);
  // A program whose data flow writes into the built-in table (outputStream Microsoft-AWSCloudTrail) declares it.
  const other = program();
  other.resources.rule.properties.dataFlows[0].outputStream = "Microsoft-AWSCloudTrail";
  const known = builtInSchemas(other);
  assert.deepEqual([...known.keys()], ["AWSCloudTrail"]);
  assert.deepEqual(checkProgramKql(p, known).problems, []);
  // Its columns are the stream's: State is one, Partition is not.
  p.resources.allFunction.properties.query = "AWSCloudTrail | project TimeGenerated, Partition";
  assert.match(checkProgramKql(p, known).problems.join("\n"), /KS142: The name 'Partition'/);
});

test("the custom table that mirrors the built-in one declares it", () => {
  assert.deepEqual(builtInSchemas(program()).get("AWSCloudTrail"), columns);
});

test("a DCR transformation is checked against its input stream's columns", () => {
  const p = program();
  p.resources.rule.properties.dataFlows[0].transformKql = "source | extend Lag = LagSeconds";
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^kql rule dataFlows\[0\]\.transformKql 1:\d+ KS142: The name 'LagSeconds'/);
});

test("an interpolation without a config default cannot be checked and is reported", () => {
  const p = program();
  p.resources.lagAlert.properties.criteria.allOf[0].query = "Health_CL | where State == \"${email}\" or State == \"${rg.name}\"";
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /^kql lagAlert criteria\.allOf\[0\]\.query: interpolation\(s\) \$\{email\}, \$\{rg\.name\} have no config default/);
  assert.deepEqual(substitute("ago(${lagMinutes}m) $${lagMinutes}", program().config), { kql: "ago(60m) ${lagMinutes}", unresolved: [] });
});

test("KQL in a property the gate does not know is reported, not skipped", () => {
  const p = program();
  p.resources.other = { type: "azure-native:securityinsights:ScheduledAlertRule", properties: { query: "Health_CL" } };
  p.resources.workbook.properties.serializedData["fn::toJSON"].items.push({ type: 3, content: { query: "resources", queryType: 1 } });
  const problems = errorsOf(p);
  assert.equal(problems.length, 2, problems.join("\n"));
  assert.ok(problems.some((x) => /^other \(azure-native:securityinsights:ScheduledAlertRule\): KQL at other\.properties\.query that the gate does not check/.test(x)), problems.join("\n"));
  assert.ok(problems.some((x) => /^workbook: serializedData\.items\[2\]\.content\.query has queryType 1/.test(x)), problems.join("\n"));
});

test("a column type with no Kusto equivalent is reported", () => {
  const p = program();
  p.resources.healthTable.properties.schema.columns = [...columns, { name: "Blob", type: "binary" }];
  assert.ok(errorsOf(p).some((x) => /^healthTable: column type\(s\) the gate cannot map to Kusto: Blob:binary/.test(x)));
});

// Resource-specific tables (kql/resource-log-tables.mjs): known only where the program's own diagnostic setting
// sends the category to a workspace, with the columns of Microsoft's table reference.
const consoleQuery = "AppServiceConsoleLogs\n| extend Line = parse_json(ResultDescription)\n| where tostring(Line.LogLevel) == \"Warning\"";
function withConsoleLogs(category, enabled = true) {
  const p = program();
  p.resources.lagAlert.properties.criteria.allOf[0].query = consoleQuery;
  p.resources.workerLogs = { type: "azure-native:monitor:DiagnosticSetting", properties: {
    resourceUri: "${workerApp.id}", workspaceId: "${workspace.id}", logs: [{ category, enabled }] } };
  return p;
}

test("a table a diagnostic setting of the program fills is known, with its documented columns", () => {
  assert.deepEqual(errorsOf(withConsoleLogs("AppServiceConsoleLogs")), []);
});

test("the same table without a diagnostic setting that sends it, or with the category off, is an unknown table", () => {
  for (const p of [program(), withConsoleLogs("AppServicePlatformLogs"), withConsoleLogs("AppServiceConsoleLogs", false)]) {
    p.resources.lagAlert.properties.criteria.allOf[0].query = consoleQuery;
    const problems = errorsOf(p);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /KS204: The name 'AppServiceConsoleLogs' does not refer to any known table/);
  }
});

test("a column the table reference does not list is reported", () => {
  const p = withConsoleLogs("AppServiceConsoleLogs");
  p.resources.lagAlert.properties.criteria.allOf[0].query = "AppServiceConsoleLogs | project Message";
  const problems = errorsOf(p);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /KS142: The name 'Message' does not refer to any known column/);
});
