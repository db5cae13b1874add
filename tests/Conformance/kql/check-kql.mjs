// The gate's KQL check: every query a rendered program carries (kql/queries.mjs) is parsed and semantically analysed
// by Microsoft's Kusto language service against the schema the program itself declares, and every error diagnostic
// (unknown table, column or function, wrong types, syntax) is a problem naming the resource, the query and the
// diagnostic.
//
// The schema, all from the program:
// - each azure-native:operationalinsights:Table resource: a table with its schema.columns (name, type);
// - each DCR data flow whose outputStream is `Microsoft-<Table>` (a built-in table): <Table> with the columns of the
//   flow's input stream declaration, which the Logs Ingestion API requires to match the table;
// - built-in tables a program reads without either (the built-in AWSCloudTrail the function unions with the custom
//   table): the columns of the program's custom table that mirrors it (AWSCloudTrail_CL's columns mirror the
//   built-in AWSCloudTrail table), else the schema another program of the same run declared for it;
// - each resource-specific table a DiagnosticSetting of the program fills in the workspace (kql/resource-log-tables.mjs:
//   the columns of Microsoft's table reference);
// - each SavedSearch with a functionAlias: a stored function with that name, its parameters and its query as body
//   (its body is also checked as a query in its own right);
// - Pulumi interpolations `${key}` of config keys inside a query are replaced by the key's default first (the alert
//   thresholds are integers, e.g. `ago(${alertSilenceMinutes}m)`); any other interpolation is a problem.
import { diagnose, functionSymbol, globalsWith, scalarType, tableSymbol } from "./kusto.mjs";
import { findQueries } from "./queries.mjs";
import { resourceLogTables } from "./resource-log-tables.mjs";

/** Built-in tables and the logical name of the program's table resource that mirrors each. */
export const builtInMirrors = { AWSCloudTrail: "cloudTrailTable" };

/** Schemas of built-in tables this program declares (by a Microsoft- data flow, or a mirroring custom table). */
export function builtInSchemas(program) {
  const found = new Map();
  for (const r of Object.values(program.resources ?? {})) {
    if (r.type !== "azure-native:monitor:DataCollectionRule") continue;
    for (const flow of r.properties?.dataFlows ?? []) {
      const out = flow.outputStream;
      const columns = r.properties?.streamDeclarations?.[flow.streams?.[0]]?.columns;
      if (typeof out === "string" && out.startsWith("Microsoft-") && columns) found.set(out.slice("Microsoft-".length), columns);
    }
  }
  for (const [table, resource] of Object.entries(builtInMirrors)) {
    const columns = program.resources?.[resource]?.properties?.schema?.columns;
    if (!found.has(table) && Array.isArray(columns)) found.set(table, columns);
  }
  return found;
}

/**
 * Checks the KQL of one program. `knownBuiltIns` (Map table → columns, e.g. from builtInSchemas of every program in
 * the run) supplies built-in tables this program does not declare itself.
 * Returns { queries: number, problems: string[] }.
 */
export function checkProgramKql(program, knownBuiltIns = new Map()) {
  const { queries, problems } = findQueries(program);
  if (queries.length === 0) return { queries: 0, problems };

  const tables = new Map(); // name → columns
  const addTable = (name, columns, from) => {
    const bad = columns.filter((c) => !c?.name || !scalarType(c.type));
    if (bad.length) problems.push(`${from}: column type(s) the gate cannot map to Kusto: ${bad.map((c) => `${c?.name}:${c?.type}`).join(", ")}`);
    else tables.set(name, columns);
  };
  for (const [resource, r] of Object.entries(program.resources ?? {})) {
    if (r.type !== "azure-native:operationalinsights:Table") continue;
    const name = r.properties?.schema?.name ?? r.properties?.tableName;
    addTable(name, r.properties?.schema?.columns ?? [], resource);
  }
  const own = builtInSchemas(program);
  for (const [name, columns] of [...knownBuiltIns, ...own]) if (!tables.has(name) || own.has(name)) addTable(name, columns, `built-in table ${name}`);
  for (const [name, columns] of resourceLogTables(program)) if (!tables.has(name)) addTable(name, columns, `resource log table ${name}`);

  const symbols = [...tables].map(([name, columns]) => tableSymbol(name, columns));
  const resolved = queries.map((q) => ({ ...q, ...substitute(q.text, program.config ?? {}) }));
  for (const [resource, r] of Object.entries(program.resources ?? {})) {
    const alias = r.properties?.functionAlias;
    if (r.type !== "azure-native:operationalinsights:SavedSearch" || typeof alias !== "string") continue;
    const body = resolved.find((q) => q.resource === resource && q.where === "query");
    if (body && !body.unresolved.length) symbols.push(functionSymbol(alias, `(${r.properties.functionParameters ?? ""})`, `{\n${body.kql}\n}`));
  }
  const workspace = globalsWith(symbols);

  for (const q of resolved) {
    const label = `${q.resource} ${q.where}`;
    if (q.unresolved.length) {
      problems.push(`kql ${label}: interpolation(s) ${q.unresolved.join(", ")} have no config default to check the query with\n${indent(q.text)}`);
      continue;
    }
    const globals = q.scope === "workspace" ? workspace : globalsWith([tableSymbol("source", q.scope.source.filter((c) => scalarType(c.type)))]);
    for (const d of diagnose(q.kql, globals).filter((d) => d.severity === "Error")) {
      problems.push(`kql ${label} ${d.line}:${d.column} ${d.code}: ${d.message}\n${indent(q.kql)}`);
    }
  }
  return { queries: queries.length, problems };
}

/** Replaces `${key}` of config keys with their defaults; lists interpolations that cannot be replaced. */
export function substitute(text, config) {
  const unresolved = [];
  const kql = text.replace(/\$(\$?)\{([^}]*)\}/g, (whole, escaped, key) => {
    if (escaped) return whole.slice(1); // `$${` is a literal `${` in Pulumi YAML
    const entry = config[key];
    if (entry && entry.default !== undefined && typeof entry.default !== "object") return String(entry.default);
    unresolved.push(whole);
    return whole;
  });
  return { kql, unresolved };
}

const indent = (text) => text.split("\n").map((l) => `    | ${l}`).join("\n");
