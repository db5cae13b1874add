using System.Text.Json;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The production example stack (Pulumi.prod.yaml): its committed rendering is what the compiler emits now
/// (like dev's, see <see cref="RenderingTests"/>), it is the shape the issue asks for, and the conformance gate
/// checks the same configuration (tests/Conformance/stacks/example-prod.json).</summary>
public sealed class ProdStackTests
{
    public const string RefreshCommand = "bash infra/compile render --stack prod > docs/stack/prod.rendered.json";

    [Fact]
    public void Committed_rendering_of_the_prod_stack_is_fresh()
    {
        var committedPath = Path.Combine(Repo.Root, "docs", "stack", "prod.rendered.json");
        Assert.True(File.Exists(committedPath), $"docs/stack/prod.rendered.json is missing. Create it: {RefreshCommand}");
        var config = StackFile.Read(StackFile.PathFor(Repo.Root, "prod"));
        var fresh = Compiler.Build(config, Repo.Root, publisher: null, CancellationToken.None).Program.Render();
        var committed = File.ReadAllText(committedPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(committed == fresh, $"docs/stack/prod.rendered.json is stale (a change to infra/, contracts/, connector/ or Pulumi.prod.yaml changes it). Refresh it and commit: {RefreshCommand}");
    }

    [Fact]
    public void Prod_stack_reads_three_regions_into_an_existing_workspace_with_alerts()
    {
        var config = StackFile.Read(StackFile.PathFor(Repo.Root, "prod"));
        var settings = StackConfigReader.Read(config);
        Assert.Equal(StackMode.Worker, settings.Mode);
        Assert.Equal(3, config["sentinel-aws-iac:awsRegions"]!.Split(',').Distinct().Count());
        Assert.StartsWith("/subscriptions/", config["sentinel-aws-iac:workspaceResourceId"]);
        Assert.Contains("@", config["sentinel-aws-iac:alertEmail"]);

        var program = Compiler.Build(config, Repo.Root, publisher: null, CancellationToken.None).Program.Render();
        using var rendered = JsonDocument.Parse(program);
        var resources = rendered.RootElement.GetProperty("resources").EnumerateObject().Select(r => r.Value).ToList();
        // The existing workspace is read (a `get` resource), never created, so `pulumi destroy` leaves it.
        var workspace = Assert.Single(resources, r => r.GetProperty("type").GetString() == "azure-native:operationalinsights:Workspace");
        Assert.True(workspace.TryGetProperty("get", out _), "the prod stack must read its existing workspace, not create one");
        Assert.Equal(3, resources.Count(r => r.GetProperty("type").GetString() == "azure-native:monitor:ScheduledQueryRule"));
    }

    [Fact]
    public void Conformance_fixture_holds_the_prod_stack_configuration()
    {
        var fixturePath = Path.Combine(Repo.Root, "tests", "Conformance", "stacks", "example-prod.json");
        var fixture = JsonSerializer.Deserialize<Dictionary<string, string?>>(File.ReadAllText(fixturePath))!;
        var stack = StackFile.Read(StackFile.PathFor(Repo.Root, "prod"));
        Assert.Equal(stack.OrderBy(e => e.Key, StringComparer.Ordinal), fixture.OrderBy(e => e.Key, StringComparer.Ordinal));
    }
}
