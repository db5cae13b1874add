using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>workerTelemetry: off, nothing is created and the worker gets no connection string (so it registers no
/// exporter); on, a workspace-based Application Insights component with local authentication off, the worker's right to
/// publish to it, and its connection string in the worker's settings (docs/facts.md "Worker metrics and traces").</summary>
public sealed class WorkerTelemetryTests
{
    private const string ComponentType = "azure-native:applicationinsights:Component";

    private static readonly string ConnectionStringSetting = WorkerSettings.AsEnvironmentName(WorkerSettings.TelemetryConnectionString);

    private static IEnumerable<string> SettingNames(ProgramView program) =>
        program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray().Select(s => s!["name"]!.GetValue<string>());

    [Theory]
    [InlineData("")]
    [InlineData("workerTelemetry=false")]
    [InlineData("destination=builtInTable")]
    [InlineData("broker=accessKey;brokerPrincipalArn=arn:aws:iam::123456789012:user/b;brokerAccessKeyId=AKIAIOSFODNN7EXAMPLE;brokerSecretAccessKey=s")]
    public void Off_by_default_no_component_no_role_and_no_setting(string entries)
    {
        var program = entries.Length == 0 ? Emit.View() : Emit.View([.. entries.Split(';').Select(e => e.Split('=', 2)).Select(p => (p[0], p[1]))]);
        Assert.Empty(program.OfType(ComponentType));
        Assert.DoesNotContain(ConnectionStringSetting, SettingNames(program));
        Assert.DoesNotContain(program.OfType("azure-native:authorization:RoleAssignment"), r => r.Resource["properties"]!["scope"]!.ToJsonString().Contains("workerTelemetry", StringComparison.Ordinal));
    }

    [Fact]
    public void On_the_component_stores_into_the_stack_workspace_and_accepts_entra_id_only()
    {
        var program = Emit.View(("workerTelemetry", "true"));
        var (name, component) = Assert.Single(program.OfType(ComponentType));
        Assert.Equal("workerTelemetry", name);
        var properties = component["properties"]!;
        Assert.Equal("${logAnalyticsWorkspace.id}", properties["workspaceResourceId"]!.GetValue<string>());
        Assert.Equal("LogAnalytics", properties["ingestionMode"]!.GetValue<string>());
        Assert.True(properties["disableLocalAuth"]!.GetValue<bool>());
        Assert.Equal("web", properties["kind"]!.GetValue<string>());
        Assert.Equal("web", properties["applicationType"]!.GetValue<string>());
        Assert.Equal("${resourceGroup.name}", properties["resourceGroupName"]!.GetValue<string>());
    }

    [Fact]
    public void On_the_worker_identity_may_publish_to_the_component_and_nothing_more()
    {
        var program = Emit.View(("workerTelemetry", "true"));
        var role = program.Properties("workerPublishesTelemetry");
        Assert.Equal("${workerIdentity.principalId}", role["principalId"]!.GetValue<string>());
        Assert.Equal("${workerTelemetry.id}", role["scope"]!.GetValue<string>());
        Assert.EndsWith("/roleDefinitions/" + WellKnownIds.MonitoringMetricsPublisherRoleId, role["roleDefinitionId"]!.ToJsonString().Trim('"'), StringComparison.Ordinal);
        // The worker starts only once it may publish (like its other rights).
        var dependsOn = program.Resource("workerApp")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains("${workerPublishesTelemetry}", dependsOn);
    }

    [Fact]
    public void On_the_worker_gets_the_components_connection_string()
    {
        var program = Emit.View(("workerTelemetry", "true"));
        var setting = program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray()
            .Single(s => s!["name"]!.GetValue<string>() == ConnectionStringSetting)!;
        Assert.Equal("${workerTelemetry.connectionString}", setting["value"]!.GetValue<string>());
        Assert.Equal("Telemetry__ConnectionString", ConnectionStringSetting);
    }

    [Fact]
    public void With_an_existing_workspace_the_component_stores_into_that_workspace()
    {
        var program = Emit.View(("workerTelemetry", "true"), ("workspaceResourceId", Emit.WorkspaceId));
        Assert.Equal(Emit.WorkspaceId, program.Properties("workerTelemetry")["workspaceResourceId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("true", "Metrics and traces (workerTelemetry true)")]
    [InlineData("false", "Metrics and traces: off (workerTelemetry false")]
    public void Explain_says_whether_metrics_and_traces_are_sent(string value, string line)
    {
        var (settings, program) = Compiler.Build(Emit.Config(("workerTelemetry", value)), Repo.Root, publisher: null, CancellationToken.None);
        var text = Explainer.Explain("test", settings, program);
        Assert.Contains(line, text, StringComparison.Ordinal);
    }
}
