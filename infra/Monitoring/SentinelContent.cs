using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Stack;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// What an analyst opens in Microsoft Sentinel: the workbook with the seed's events-per-day chart, the same query
/// as a saved search, and (worker mode) the function <c>AWSCloudTrailAll</c> that serves the worker's rows under the
/// built-in AWSCloudTrail schema, so existing analytics rules and hunting queries can be pointed at it.
/// </summary>
public static class SentinelContent
{
    /// <summary>Category of the saved searches in Log Analytics (Logs → Queries / Functions).</summary>
    public const string SearchCategory = "AWS CloudTrail (sentinel-aws-iac)";

    public const string WorkbookDisplayName = "AWS CloudTrail (sentinel-aws-iac)";

    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        var settings = stack.Settings;
        program.Section("Monitoring: Sentinel workbook, saved query and KQL function");

        string source;
        JsonObject? afterSource = null;
        if (stack.IsWorker)
        {
            // The function reads the custom table, so it is saved after the table exists.
            var after = settings.Destination == DestinationKind.CustomTable ? StackContext.DependsOn(Names.CloudTrailTable) : null;
            program.Resource(Names.CloudTrailFunction, "azure-native:operationalinsights:SavedSearch", $"KQL function {CloudTrailQueries.FunctionAlias}: the worker's rows (and the built-in AWSCloudTrail table's, when it exists) under the built-in AWSCloudTrail schema, for existing Sentinel rules and hunting queries.", new JsonObject
            {
                ["resourceGroupName"] = stack.WorkspaceResourceGroupName,
                ["workspaceName"] = stack.WorkspaceName,
                ["category"] = SearchCategory,
                ["displayName"] = $"{CloudTrailQueries.FunctionAlias}: CloudTrail rows under the AWSCloudTrail schema",
                ["query"] = CloudTrailQueries.Function(settings),
                ["functionAlias"] = CloudTrailQueries.FunctionAlias,
                // Version of the query language: 2 is the current one (Log Analytics saved searches API).
                ["version"] = 2,
            }, after);
            source = CloudTrailQueries.FunctionAlias;
            afterSource = StackContext.DependsOn(Names.CloudTrailFunction);
        }
        else
        {
            // Microsoft's connector writes the built-in table.
            source = CloudTrailQueries.BuiltInTable;
        }

        program.Resource(Names.EventsPerDaySearch, "azure-native:operationalinsights:SavedSearch", $"Saved query: CloudTrail events per day over the last {CloudTrailQueries.ChartDays} days, 0 on days without events (the seed's timechart).", new JsonObject
        {
            ["resourceGroupName"] = stack.WorkspaceResourceGroupName,
            ["workspaceName"] = stack.WorkspaceName,
            ["category"] = SearchCategory,
            ["displayName"] = $"CloudTrail events per day, last {CloudTrailQueries.ChartDays} days",
            ["query"] = CloudTrailQueries.EventsPerDay(source) + "\n| render timechart",
            ["version"] = 2,
        }, afterSource?.DeepClone().AsObject());

        // A workbook's resource name must be a GUID (Microsoft.Insights/workbooks); a random one, kept in the state.
        program.Resource(Names.WorkbookId, "random:RandomUuid", "Resource name (a GUID) of the workbook.", new JsonObject());
        program.Resource(Names.Workbook, "azure-native:applicationinsights:Workbook", "Sentinel workbook: events per day (30 days, 0 on empty days), by region, by event source, by error code" + (stack.IsWorker ? ", and the connector's lag and partition states." : "."), stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.ResourceGroup, "location"),
            ["resourceName"] = Ref(Names.WorkbookId, "result"),
            // kind shared + category sentinel + sourceId the workspace: listed under Microsoft Sentinel → Workbooks.
            ["kind"] = "shared",
            ["category"] = "sentinel",
            ["displayName"] = WorkbookDisplayName,
            ["sourceId"] = Ref(Names.WorkspaceId),
            ["version"] = WorkbookDocument.Version,
            ["serializedData"] = new JsonObject { ["fn::toJSON"] = WorkbookDocument.Build(source, stack.IsWorker, Ref(Names.WorkspaceId)) },
        }), afterSource);
    }
}
