using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Model;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The Azure side where the events land: the Log Analytics workspace (created, or an existing one that is only
/// read), Microsoft Sentinel on it, and in worker mode the custom table and the ingestion path into it (data
/// collection endpoint and rule), which the worker's identity may publish to.
/// </summary>
public static class AzureLogsSide
{
    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        program.Section("Azure: the workspace and Microsoft Sentinel");
        AddWorkspace(stack);
        if (stack.Settings.OnboardSentinel)
        {
            // An existing workspace keeps Sentinel when the stack is destroyed (retainOnDelete).
            program.Resource(Names.SentinelOnboarding, "azure-native:securityinsights:SentinelOnboardingState", "Turns Microsoft Sentinel on for the workspace.", new JsonObject
            {
                ["resourceGroupName"] = stack.WorkspaceResourceGroupName,
                ["workspaceName"] = stack.WorkspaceName,
                ["sentinelOnboardingStateName"] = "default",
            }, stack.Settings.UsesExistingWorkspace ? new JsonObject { ["retainOnDelete"] = true } : null);
        }

        if (!stack.IsWorker)
        {
            return;
        }

        program.Section("Azure: where the worker's rows go");
        if (stack.Settings.Destination == DestinationKind.CustomTable)
        {
            AddCustomTable(stack);
        }

        AddIngestion(stack);
    }

    private static void AddWorkspace(StackContext stack)
    {
        var program = stack.Program;
        if (stack.Settings.UsesExistingWorkspace)
        {
            var id = program.Config(ConfigKeys.WorkspaceResourceId);
            program.Existing(Names.Workspace, "azure-native:operationalinsights:Workspace", "The existing workspace (read by ID, never created or deleted by this stack).", id);
            program.Variable(Names.WorkspaceId, id);
            // /subscriptions/<s>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>
            stack.WorkspaceParts = (SplitSelect(id, "/", 8), SplitSelect(id, "/", 4));
            return;
        }

        // No workspaceName: auto-naming adds a random suffix, so destroy-then-up does not collide with the
        // soft-deleted workspace of the same name (issue 2).
        program.Resource(Names.Workspace, "azure-native:operationalinsights:Workspace", "Log Analytics workspace that holds the CloudTrail rows and Microsoft Sentinel.", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.ResourceGroup, "location"),
            ["sku"] = new JsonObject { ["name"] = "PerGB2018" },
            ["retentionInDays"] = program.Config(ConfigKeys.WorkspaceRetentionDays, "integer", 90),
        }));
        program.Variable(Names.WorkspaceId, Ref(Names.Workspace, "id"));
        stack.WorkspaceParts = (JsonValue.Create(Ref(Names.Workspace, "name")), JsonValue.Create(Ref(Names.ResourceGroup, "name")));
    }

    private static void AddCustomTable(StackContext stack)
    {
        var program = stack.Program;
        var properties = new JsonObject
        {
            ["resourceGroupName"] = stack.WorkspaceResourceGroupName,
            ["workspaceName"] = stack.WorkspaceName,
            ["tableName"] = stack.Settings.TableName,
            ["plan"] = program.Config(ConfigKeys.TablePlan, defaultValue: "Analytics"),
            // The one column list of the code base (contracts CloudTrailTable.Columns), in table types.
            ["schema"] = new JsonObject
            {
                ["name"] = stack.Settings.TableName,
                ["description"] = "AWS CloudTrail management events, with the columns of the built-in AWSCloudTrail table.",
                ["columns"] = new JsonArray(CloudTrailTable.Columns
                    .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.TableType, ["description"] = c.Description })
                    .ToArray()),
            },
        };
        if (stack.Settings.HasTableRetention)
        {
            properties["retentionInDays"] = program.Config(ConfigKeys.TableRetentionDays, "integer");
        }

        program.Resource(Names.CloudTrailTable, "azure-native:operationalinsights:Table", "Custom table for the CloudTrail rows, with the built-in AWSCloudTrail table's columns.", properties);
    }

    private static void AddIngestion(StackContext stack)
    {
        var program = stack.Program;
        var settings = stack.Settings;
        program.Resource(Names.IngestionEndpoint, "azure-native:monitor:DataCollectionEndpoint", "Logs Ingestion API endpoint the worker posts to (its logsIngestion.endpoint).", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            // A DCR lives in its destination workspace's region, and its endpoint with it (Azure Monitor DCR docs).
            ["location"] = Ref(Names.Workspace, "location"),
            ["description"] = "Logs Ingestion API endpoint of the sentinel-aws-iac worker.",
            ["networkAcls"] = new JsonObject { ["publicNetworkAccess"] = "Enabled" },
        }));

        const string destination = "cloudTrailWorkspace";
        var rule = new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.Workspace, "location"),
            ["description"] = $"CloudTrail rows from the sentinel-aws-iac worker into {settings.DestinationTable}.",
            ["dataCollectionEndpointId"] = Ref(Names.IngestionEndpoint, "id"),
            // One input stream; its columns are the table's (contracts CloudTrailTable.Columns, in stream types).
            ["streamDeclarations"] = new JsonObject
            {
                [settings.InputStream] = new JsonObject
                {
                    ["columns"] = new JsonArray(CloudTrailTable.Columns
                        .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.StreamType })
                        .ToArray()),
                },
            },
            ["destinations"] = new JsonObject
            {
                ["logAnalytics"] = new JsonArray(new JsonObject { ["name"] = destination, ["workspaceResourceId"] = Ref(Names.WorkspaceId) }),
            },
            // One flow: the rows pass unchanged ("source") into the custom table or the built-in AWSCloudTrail table.
            ["dataFlows"] = new JsonArray(new JsonObject
            {
                ["streams"] = List(settings.InputStream),
                ["destinations"] = List(destination),
                ["transformKql"] = "source",
                ["outputStream"] = settings.OutputStream,
            }),
        };

        // The flow's output table must exist before the rule is created (issue 2: ordering by dependsOn).
        var after = settings.Destination == DestinationKind.CustomTable ? StackContext.DependsOn(Names.CloudTrailTable) : null;
        program.Resource(Names.IngestionRule, "azure-native:monitor:DataCollectionRule", $"Data collection rule: accepts the worker's rows on {settings.InputStream} and writes them to {settings.DestinationTable}.", stack.Tagged(rule), after);

        // Sending needs Monitoring Metrics Publisher on the DCR (FACTS.md "Azure Monitor Logs Ingestion API").
        stack.AssignToWorker(Names.WorkerPublishesToRule, WellKnownIds.MonitoringMetricsPublisherRoleId, Ref(Names.IngestionRule, "id"), "The worker may send rows to this data collection rule, and to nothing else.");
    }
}
