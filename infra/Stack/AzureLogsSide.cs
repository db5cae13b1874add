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

        AddHealthTable(stack);

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
        var properties = TableProperties(stack, stack.Settings.TableName, CloudTrailTable.Columns, "AWS CloudTrail management events, with the columns of the built-in AWSCloudTrail table.");
        properties["plan"] = program.Config(ConfigKeys.TablePlan, defaultValue: "Analytics");
        if (stack.Settings.HasTableRetention)
        {
            properties["retentionInDays"] = program.Config(ConfigKeys.TableRetentionDays, "integer");
        }

        program.Resource(Names.CloudTrailTable, "azure-native:operationalinsights:Table", "Custom table for the CloudTrail rows, with the built-in AWSCloudTrail table's columns.", properties);
    }

    /// <summary>The worker's health rows (issue 4): a custom table in every destination mode, plan Analytics so the
    /// alert rules can query it.</summary>
    private static void AddHealthTable(StackContext stack)
    {
        var properties = TableProperties(stack, HealthTable.DefaultName, HealthTable.Columns, "Health of the sentinel-aws-iac worker: one row per partition (AWS account × region) per interval.");
        properties["plan"] = "Analytics";
        stack.Program.Resource(Names.HealthTable, "azure-native:operationalinsights:Table", "Custom table for the worker's health rows (state, lag, events, errors per partition), which the workbook and the alert rules read.", properties);
    }

    /// <summary>A custom table whose columns are one of the contracts' column lists, in table types.</summary>
    private static JsonObject TableProperties(StackContext stack, string tableName, IReadOnlyList<Column> columns, string description) => new()
    {
        ["resourceGroupName"] = stack.WorkspaceResourceGroupName,
        ["workspaceName"] = stack.WorkspaceName,
        ["tableName"] = tableName,
        ["schema"] = new JsonObject
        {
            ["name"] = tableName,
            ["description"] = description,
            ["columns"] = new JsonArray(columns
                .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.TableType, ["description"] = c.Description })
                .ToArray()),
        },
    };

    /// <summary>A DCR stream declaration whose columns are one of the contracts' column lists, in stream types.</summary>
    private static JsonObject StreamDeclaration(IReadOnlyList<Column> columns) => new()
    {
        ["columns"] = new JsonArray(columns
            .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.StreamType })
            .ToArray()),
    };

    /// <summary>A flow that passes a stream's rows unchanged ("source") to an output stream of the workspace.</summary>
    private static JsonObject Flow(string inputStream, string destination, string outputStream) => new()
    {
        ["streams"] = List(inputStream),
        ["destinations"] = List(destination),
        ["transformKql"] = "source",
        ["outputStream"] = outputStream,
    };

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
            ["description"] = $"CloudTrail rows from the sentinel-aws-iac worker into {settings.DestinationTable}, and its health rows into {HealthTable.DefaultName}.",
            ["dataCollectionEndpointId"] = Ref(Names.IngestionEndpoint, "id"),
            // Two input streams, each with its table's columns (contracts CloudTrailTable.Columns and HealthTable.Columns).
            ["streamDeclarations"] = new JsonObject
            {
                [settings.InputStream] = StreamDeclaration(CloudTrailTable.Columns),
                [settings.HealthStream] = StreamDeclaration(HealthTable.Columns),
            },
            ["destinations"] = new JsonObject
            {
                ["logAnalytics"] = new JsonArray(new JsonObject { ["name"] = destination, ["workspaceResourceId"] = Ref(Names.WorkspaceId) }),
            },
            // Two flows, rows unchanged ("source"): CloudTrail rows into the custom table or the built-in AWSCloudTrail
            // table; health rows into the health table (a custom table in every destination mode). DCR limit: 10 flows.
            ["dataFlows"] = new JsonArray(
                Flow(settings.InputStream, destination, settings.OutputStream),
                Flow(settings.HealthStream, destination, settings.HealthStream)),
        };

        // The flows' output tables must exist before the rule is created (issue 2: ordering by dependsOn).
        var after = settings.Destination == DestinationKind.CustomTable
            ? StackContext.DependsOn(Names.CloudTrailTable, Names.HealthTable)
            : StackContext.DependsOn(Names.HealthTable);
        program.Resource(Names.IngestionRule, "azure-native:monitor:DataCollectionRule", $"Data collection rule: accepts the worker's rows on {settings.InputStream} and writes them to {settings.DestinationTable}; its health rows on {settings.HealthStream} go to {HealthTable.DefaultName}.", stack.Tagged(rule), after);

        // Sending needs Monitoring Metrics Publisher on the DCR (FACTS.md "Azure Monitor Logs Ingestion API").
        stack.AssignToWorker(Names.WorkerPublishesToRule, WellKnownIds.MonitoringMetricsPublisherRoleId, Ref(Names.IngestionRule, "id"), "The worker may send rows to this data collection rule, and to nothing else.");
    }
}
