using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ApplicationInsights;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Authorization;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;
using SentinelAwsIac.Infra.Stack;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// The worker's metrics and traces (config workerTelemetry): a workspace-based Application Insights component that
/// stores into the stack's workspace and accepts Entra ID-authenticated telemetry only, and the worker's right to
/// publish to it (docs/facts.md "Worker metrics and traces"). The worker's exporter reads the connection string from
/// its app setting (contracts WorkerSettings.TelemetryConnectionString).
/// </summary>
public sealed record WorkerTelemetry(Component Component, RoleAssignment WorkerPublishes)
{
    /// <summary>The connection string holds the instrumentation key and the ingestion endpoint. With local
    /// authentication off the key alone lets no one write, so it is wired as a plain setting.</summary>
    public Output<string> ConnectionString => Component.ConnectionString;

    public static WorkerTelemetry Create(StackSettings settings, AzureAccount azure, SentinelWorkspace workspace, UserAssignedIdentity workerIdentity)
    {
        ResourceNotes.Section("Azure: the worker's metrics and traces (workerTelemetry)");
        var component = new Component("workerTelemetry", new ComponentArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            Kind = "web",
            ApplicationType = "web",
            // Workspace-based: the telemetry lands in the stack's workspace (AppMetrics, AppDependencies, ...), under
            // its retention and its access control, and is billed as the workspace's ingestion.
            WorkspaceResourceId = workspace.Id,
            IngestionMode = "LogAnalytics",
            DisableLocalAuth = true,
            Tags = ResourceTags.Of(settings),
        }).Purpose("Application Insights for the worker's metrics and traces; stores into the workspace, accepts Entra ID-authenticated telemetry only.");

        // "Monitoring Metrics Publisher" on the component publishes every kind of telemetry, not only metrics
        // (docs/facts.md "Worker metrics and traces").
        var publishes = WorkerRoleAssignment.Create("workerPublishesTelemetry", azure, workerIdentity, WellKnownIds.MonitoringMetricsPublisherRoleId, component.Id,
            "The worker may publish its metrics and traces to this Application Insights component, and to nothing else.");
        return new WorkerTelemetry(component, publishes);
    }
}
