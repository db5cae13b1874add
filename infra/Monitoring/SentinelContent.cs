using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ApplicationInsights;
using SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights;
using SentinelAwsIac.Infra.Pulumi.Random;
using SentinelAwsIac.Infra.Stack;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// What an analyst opens in Microsoft Sentinel: the workbook with the seed's events-per-day chart, the same query
/// as a saved search, and (worker mode) the function <c>AWSCloudTrailAll</c> that serves the worker's rows under the
/// built-in AWSCloudTrail schema, so existing analytics rules and hunting queries can be pointed at it.
/// </summary>
public sealed record SentinelContent(SavedSearch? CloudTrailFunction, SavedSearch EventsPerDay, RandomUuid WorkbookId, Workbook Workbook)
{
    /// <summary>Category of the saved searches in Log Analytics (Logs → Queries / Functions).</summary>
    public const string SearchCategory = "AWS CloudTrail (sentinel-aws-iac)";

    public const string WorkbookDisplayName = "AWS CloudTrail (sentinel-aws-iac)";

    /// <param name="tables">The worker's tables (worker mode); null in sentinel mode, where Microsoft's connector
    /// writes the built-in table.</param>
    public static SentinelContent Create(StackSettings settings, AzureAccount azure, SentinelWorkspace workspace, WorkerTables? tables)
    {
        ResourceNotes.Section("Monitoring: Sentinel workbook, saved query and KQL function");
        var isWorker = tables is not null;
        SavedSearch? function = null;
        var afterSource = new CustomResourceOptions();
        if (tables is not null)
        {
            // The function reads the custom table, so it is saved after the table exists.
            var afterTable = new CustomResourceOptions();
            if (tables.CloudTrail is { } table)
            {
                afterTable.DependsOn.Add(table);
            }

            function = new SavedSearch("cloudTrailAllFunction", new SavedSearchArgs
            {
                ResourceGroupName = workspace.ResourceGroupName,
                WorkspaceName = workspace.Name,
                Category = SearchCategory,
                DisplayName = $"{CloudTrailQueries.FunctionAlias}: CloudTrail rows under the AWSCloudTrail schema",
                Query = CloudTrailQueries.Function(settings),
                FunctionAlias = CloudTrailQueries.FunctionAlias,
                // Version of the query language: 2 is the current one (Log Analytics saved searches API).
                Version = 2,
            }, afterTable).Purpose($"KQL function {CloudTrailQueries.FunctionAlias}: the worker's rows (and the built-in AWSCloudTrail table's, when it exists) under the built-in AWSCloudTrail schema, for existing Sentinel rules and hunting queries.");
            afterSource.DependsOn.Add(function);
        }

        // Worker mode reads the function; Microsoft's connector writes the built-in table.
        var source = isWorker ? CloudTrailQueries.FunctionAlias : CloudTrailQueries.BuiltInTable;
        var eventsPerDay = new SavedSearch("eventsPerDaySearch", new SavedSearchArgs
        {
            ResourceGroupName = workspace.ResourceGroupName,
            WorkspaceName = workspace.Name,
            Category = SearchCategory,
            DisplayName = $"CloudTrail events per day, last {CloudTrailQueries.ChartDays} days",
            Query = CloudTrailQueries.EventsPerDay(source) + "\n| render timechart",
            Version = 2,
        }, Copy(afterSource)).Purpose($"Saved query: CloudTrail events per day over the last {CloudTrailQueries.ChartDays} days, 0 on days without events (the seed's timechart).");

        // A workbook's resource name must be a GUID (Microsoft.Insights/workbooks); a random one, kept in the state.
        var workbookId = new RandomUuid("workbookId").Purpose("Resource name (a GUID) of the workbook.");
        var workbook = new Workbook("cloudTrailWorkbook", new WorkbookArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            ResourceName = workbookId.Result,
            // kind shared + category sentinel + sourceId the workspace: listed under Microsoft Sentinel → Workbooks.
            Kind = "shared",
            Category = "sentinel",
            DisplayName = WorkbookDisplayName,
            SourceId = workspace.Id,
            Version = WorkbookDocument.Version,
            SerializedData = Output.JsonSerialize(workspace.Id.Apply(id => WorkbookDocument.Build(source, isWorker, id))),
            Tags = ResourceTags.Of(settings),
        }, afterSource).Purpose("Sentinel workbook: events per day (30 days, 0 on empty days), by region, by event source, by error code" + (isWorker ? ", and the connector's lag and partition states." : "."));
        return new SentinelContent(function, eventsPerDay, workbookId, workbook);
    }

    private static CustomResourceOptions Copy(CustomResourceOptions options)
    {
        var copy = new CustomResourceOptions();
        foreach (var resource in options.DependsOn)
        {
            copy.DependsOn.Add(resource);
        }

        return copy;
    }
}
