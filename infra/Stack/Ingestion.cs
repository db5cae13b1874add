using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Authorization;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor.Inputs;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The path of the worker's rows into the workspace (Azure Monitor Logs Ingestion API): a data collection
/// endpoint, a rule with one stream per table, and the worker's permission to send to that rule only.</summary>
public sealed record Ingestion(DataCollectionEndpoint Endpoint, DataCollectionRule Rule, RoleAssignment WorkerPublishes)
{
    private const string Destination = "cloudTrailWorkspace";

    public static Ingestion Create(StackSettings settings, AzureAccount azure, SentinelWorkspace workspace, WorkerTables tables, UserAssignedIdentity workerIdentity)
    {
        var endpoint = new DataCollectionEndpoint("ingestionEndpoint", new DataCollectionEndpointArgs
        {
            ResourceGroupName = azure.Group.Name,
            // A DCR lives in its destination workspace's region, and its endpoint with it (Azure Monitor DCR docs).
            Location = workspace.Workspace.Location,
            Description = "Logs Ingestion API endpoint of the sentinel-aws-iac worker.",
            NetworkAcls = new DataCollectionEndpointNetworkAclsArgs { PublicNetworkAccess = "Enabled" },
            Tags = ResourceTags.Of(settings),
        }).Purpose("Logs Ingestion API endpoint the worker posts to (its logsIngestion.endpoint).");

        var rule = new DataCollectionRule("ingestionRule", new DataCollectionRuleArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = workspace.Workspace.Location,
            Description = $"CloudTrail rows from the sentinel-aws-iac worker into {settings.DestinationTable}, and its health rows into {HealthTable.DefaultName}.",
            DataCollectionEndpointId = endpoint.Id,
            // Two input streams, each with its table's columns (contracts CloudTrailTable.Columns and HealthTable.Columns).
            StreamDeclarations =
            {
                { settings.InputStream, StreamDeclaration(CloudTrailTable.Columns) },
                { settings.HealthStream, StreamDeclaration(HealthTable.Columns) },
            },
            Destinations = new DataCollectionRuleDestinationsArgs
            {
                LogAnalytics = { new LogAnalyticsDestinationArgs { Name = Destination, WorkspaceResourceId = workspace.Id } },
            },
            // Two flows, rows unchanged ("source"): CloudTrail rows into the custom table or the built-in AWSCloudTrail
            // table; health rows into the health table (a custom table in every destination mode). DCR limit: 10 flows.
            DataFlows =
            {
                Flow(settings.InputStream, settings.OutputStream),
                Flow(settings.HealthStream, settings.HealthStream),
            },
            Tags = ResourceTags.Of(settings),
        }, new CustomResourceOptions { DependsOn = [.. tables.All] })
            .Purpose($"Data collection rule: accepts the worker's rows on {settings.InputStream} and writes them to {settings.DestinationTable}; its health rows on {settings.HealthStream} go to {HealthTable.DefaultName}.");

        // Sending needs Monitoring Metrics Publisher on the DCR (docs/facts.md#logs-ingestion-api-requests-limits-and-roles).
        var publishes = WorkerRoleAssignment.Create("workerPublishesToRule", azure, workerIdentity, WellKnownIds.MonitoringMetricsPublisherRoleId, rule.Id, "The worker may send rows to this data collection rule, and to nothing else.");
        return new Ingestion(endpoint, rule, publishes);
    }

    /// <summary>A stream declaration whose columns are one of the contracts' column lists, in stream types.</summary>
    private static StreamDeclarationArgs StreamDeclaration(IReadOnlyList<Column> columns)
    {
        var declaration = new StreamDeclarationArgs();
        foreach (var column in columns)
        {
            declaration.Columns.Add(new ColumnDefinitionArgs { Name = column.Name, Type = column.StreamType });
        }

        return declaration;
    }

    /// <summary>A flow that passes a stream's rows unchanged ("source") to an output stream of the workspace.</summary>
    private static DataFlowArgs Flow(string inputStream, string outputStream) => new()
    {
        Streams = { inputStream },
        Destinations = { Destination },
        TransformKql = "source",
        OutputStream = outputStream,
    };
}
