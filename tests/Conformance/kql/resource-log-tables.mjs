// Tables that Azure Monitor fills from a resource's diagnostic setting (resource-specific tables), with the columns of
// Microsoft's table reference. The gate knows such a table only where the program itself sends that category to a
// workspace (an azure-native:monitor:DiagnosticSetting with workspaceId and the category enabled), so a query over a
// table nothing feeds is still an unknown table. Sources: docs/facts.md "The worker's logs in the workspace".

/** Columns per table, as the Azure Monitor Logs table reference lists them (MicrosoftDocs/azure-reference-other, azure-monitor-ref/tables/includes, ms.date 2024-02-18). */
export const resourceLogColumns = {
  // https://learn.microsoft.com/azure/azure-monitor/reference/tables/appserviceconsolelogs
  AppServiceConsoleLogs: [
    ["_BilledSize", "real"], ["Category", "string"], ["ContainerId", "string"], ["Host", "string"],
    ["_IsBillable", "string"], ["Level", "string"], ["OperationName", "string"], ["_ResourceId", "string"],
    ["ResultDescription", "string"], ["SourceSystem", "string"], ["_SubscriptionId", "string"], ["TenantId", "string"],
    ["TimeGenerated", "datetime"], ["Type", "string"],
  ],
  // https://learn.microsoft.com/azure/azure-monitor/reference/tables/appserviceplatformlogs
  AppServicePlatformLogs: [
    ["ActivityId", "string"], ["_BilledSize", "real"], ["ContainerId", "string"], ["DeploymentId", "string"],
    ["Exception", "string"], ["Host", "string"], ["_IsBillable", "string"], ["Level", "string"], ["Message", "string"],
    ["OperationName", "string"], ["_ResourceId", "string"], ["SourceSystem", "string"], ["StackTrace", "string"],
    ["_SubscriptionId", "string"], ["TenantId", "string"], ["TimeGenerated", "datetime"], ["Type", "string"],
  ],
};

/** Map table → columns for every category the program sends to a workspace that the gate has a schema for. */
export function resourceLogTables(program) {
  const found = new Map();
  for (const r of Object.values(program.resources ?? {})) {
    if (r.type !== "azure-native:monitor:DiagnosticSetting" || r.properties?.workspaceId === undefined) continue;
    for (const log of r.properties?.logs ?? []) {
      const columns = resourceLogColumns[log?.category];
      if (log?.enabled === true && columns) found.set(log.category, columns.map(([name, type]) => ({ name, type })));
    }
  }
  return found;
}
