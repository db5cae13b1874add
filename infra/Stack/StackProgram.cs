using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Packaging;
using SentinelAwsIac.Infra.Pulumi;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The whole stack, top to bottom as the architecture reads: the Azure account, the worker's identity, the AWS side
/// of the trust, the Azure side where rows land, the worker (or, in sentinel mode, Microsoft's connector), then what
/// an analyst and an operator look at. Each section takes what it needs and returns what it created; the return
/// value is the stack's outputs.
/// </summary>
public static class StackProgram
{
    public const string Description = "AWS CloudTrail into Microsoft Sentinel: both sides of the trust and the connector worker, in one stack.";

    public static Dictionary<string, object?> Build(StackSettings settings, ConnectorPackage package) =>
        settings.Mode == StackMode.Worker ? Worker(settings, package) : Sentinel(settings);

    private static Dictionary<string, object?> Worker(StackSettings settings, ConnectorPackage package)
    {
        var azure = AzureAccount.Create(settings);
        var workerIdentity = WorkerIdentity.Create(azure, settings);

        var aws = AwsSide.ForWorker(settings, azure, workerIdentity);

        var workspace = SentinelWorkspace.Create(settings, azure);
        var tables = WorkerTables.Create(settings, workspace);
        var ingestion = Ingestion.Create(settings, azure, workspace, tables, workerIdentity);

        var network = settings.PrivateNetwork ? PrivateNetwork.Create(settings, azure) : null;
        var storage = WorkerStorage.Create(settings, azure, workerIdentity, package, network);
        var brokerKey = settings.Broker == BrokerKind.AccessKey ? BrokerKeyVault.Create(settings, azure, workerIdentity, network) : null;
        List<Resource> permissions = [ingestion.WorkerPublishes, storage.WritesCheckpoints, storage.ReadsPackage];
        if (brokerKey is not null)
        {
            permissions.Add(brokerKey.WorkerReadsKey);
        }

        var telemetry = settings.WorkerTelemetry ? WorkerTelemetry.Create(settings, azure, workspace, workerIdentity) : null;
        if (telemetry is not null)
        {
            permissions.Add(telemetry.WorkerPublishes);
        }

        // In private-network mode the worker also waits for the DNS records of its private endpoints.
        permissions.AddRange(network?.Ready ?? []);
        var hosting = WorkerHosting.Create(settings, azure, workerIdentity, aws, ingestion, storage, brokerKey, telemetry, permissions, network);
        WorkerLogs.Create(workspace, hosting);

        var content = SentinelContent.Create(settings, azure, workspace, tables);
        if (settings.AlertEmail is { } alertEmail)
        {
            HealthAlerts.Create(settings, azure, workspace, tables, alertEmail);
        }

        var outputs = StackOutputs.Of(settings, aws, workspace, content, new WorkerOutputs(tables, ingestion, hosting));
        return StackOutputs.WithKept(outputs, [azure.Group, workspace.Workspace, workspace.Onboarding, tables.CloudTrail, tables.Health, storage.Account, storage.Checkpoints]);
    }

    /// <summary>Sentinel mode: the reader role trusts Microsoft's connector with the workspace ID as external ID, so
    /// the workspace comes first.</summary>
    private static Dictionary<string, object?> Sentinel(StackSettings settings)
    {
        var azure = AzureAccount.Create(settings);
        var workspace = SentinelWorkspace.Create(settings, azure);
        var aws = AwsSide.ForSentinel(settings, workspace);
        SentinelConnector.Create(workspace, aws);
        var content = SentinelContent.Create(settings, azure, workspace, tables: null);
        var outputs = StackOutputs.Of(settings, aws, workspace, content, worker: null);
        return StackOutputs.WithKept(outputs, [azure.Group, workspace.Workspace, workspace.Onboarding]);
    }
}
