using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The worker's console and platform logs reach the stack's workspace (docs/facts.md "The worker's logs in
/// the workspace"), in every worker mode, created or existing workspace; sentinel mode runs no worker and has none.</summary>
public sealed class WorkerLogsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("workspaceResourceId=" + Emit.WorkspaceId)]
    [InlineData("destination=builtInTable")]
    public void The_worker_web_app_sends_its_console_and_platform_logs_to_the_workspace(string entry)
    {
        var program = entry.Length == 0 ? Emit.View() : Emit.View((entry.Split('=', 2)[0], entry.Split('=', 2)[1]));
        var (name, setting) = Assert.Single(program.OfType("azure-native:monitor:DiagnosticSetting"));
        Assert.Equal("workerLogsToWorkspace", name);
        var properties = setting["properties"]!;
        Assert.Equal("${workerApp.id}", properties["resourceUri"]!.GetValue<string>());
        // An existing workspace is config, written as its literal ID; a created one is a reference.
        Assert.Equal(entry.StartsWith("workspaceResourceId=", StringComparison.Ordinal) ? Emit.WorkspaceId : "${logAnalyticsWorkspace.id}", properties["workspaceId"]!.GetValue<string>());
        var logs = properties["logs"]!.AsArray();
        Assert.Equal(["AppServiceConsoleLogs", "AppServicePlatformLogs"], logs.Select(l => l!["category"]!.GetValue<string>()));
        Assert.All(logs, l => Assert.True(l!["enabled"]!.GetValue<bool>()));
        Assert.Equal(WorkerLogs.Categories, logs.Select(l => l!["category"]!.GetValue<string>()));
        // Nothing else leaves the app this way: no metrics, no storage account, no event hub.
        Assert.Null(properties["metrics"]);
        Assert.Null(properties["storageAccountId"]);
        Assert.Null(properties["eventHubName"]);
    }

    [Fact]
    public void Sentinel_mode_has_no_worker_and_no_diagnostic_setting()
    {
        Assert.Empty(Emit.View(("mode", "sentinel")).OfType("azure-native:monitor:DiagnosticSetting"));
    }

    [Fact]
    public void The_failing_alert_names_the_panel_that_shows_the_workers_log_lines()
    {
        var program = Emit.View(("alertEmail", "secops@example.com"));
        var description = program.Properties("failingAlert")["description"]!.GetValue<string>();
        Assert.Contains(WorkerLogQueries.WarningsAndErrorsTitle, description, StringComparison.Ordinal);
        Assert.Contains(WorkerLogQueries.ConsoleTable, description, StringComparison.Ordinal);
    }
}
