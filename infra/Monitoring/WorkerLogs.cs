using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor.Inputs;
using SentinelAwsIac.Infra.Stack;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// The worker's own log lines in the stack's workspace: a diagnostic setting on the worker web app that sends its
/// console output (one JSON object a line, <see cref="WorkerLogQueries"/>) and the App Service platform's messages
/// about it (start, stop, restarts, failed health checks) to the workspace's resource-specific tables
/// (docs/facts.md "The worker's logs in the workspace").
/// </summary>
public sealed record WorkerLogs(DiagnosticSetting Setting)
{
    /// <summary>The categories sent, each landing in the table of the same name (docs/facts.md).</summary>
    public static readonly IReadOnlyList<string> Categories = [WorkerLogQueries.ConsoleTable, WorkerLogQueries.PlatformTable];

    public static WorkerLogs Create(SentinelWorkspace workspace, WorkerHosting hosting)
    {
        var setting = new DiagnosticSetting("workerLogsToWorkspace", new DiagnosticSettingArgs
        {
            ResourceUri = hosting.App.Id,
            WorkspaceId = workspace.Id,
            Logs = Categories.Select(c => new DiagnosticsLogSettingsArgs { Category = c, Enabled = true }).ToArray(),
        }).Purpose($"Sends the worker's console and platform logs to the workspace ({string.Join(", ", Categories)}).");
        return new WorkerLogs(setting);
    }
}
