using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The committed rendering of the example stack is what the compiler emits now, so every pull request's
/// diff shows its infrastructure change.</summary>
public sealed class RenderingTests
{
    public const string RefreshCommand = "bash infra/compile render --stack dev > docs/stack/dev.rendered.json";

    [Fact]
    public void Committed_rendering_of_the_example_stack_is_fresh()
    {
        var committedPath = Path.Combine(Repo.Root, "docs", "stack", "dev.rendered.json");
        Assert.True(File.Exists(committedPath), $"docs/stack/dev.rendered.json is missing. Create it: {RefreshCommand}");
        var config = StackFile.Read(StackFile.PathFor(Repo.Root, "dev"));
        var fresh = Compiler.Build(config, Repo.Root, publisher: null, CancellationToken.None).Program.Render();
        var committed = File.ReadAllText(committedPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (committed != fresh)
        {
            var line = FirstDifference(committed, fresh);
            Assert.Fail($"docs/stack/dev.rendered.json is stale (first difference at line {line}; a change to infra/, contracts/, connector/ or Pulumi.dev.yaml changes it). Refresh it and commit: {RefreshCommand}");
        }
    }

    [Fact]
    public void Example_stack_is_worker_mode_with_two_regions()
    {
        var config = StackFile.Read(StackFile.PathFor(Repo.Root, "dev"));
        var settings = StackConfigReader.Read(config);
        Assert.Equal(StackMode.Worker, settings.Mode);
        Assert.Equal(2, config["sentinel-aws-iac:awsRegions"]!.Split(',').Length);
        Assert.Equal("us-east-1", config["aws:region"]);
        Assert.Equal("westeurope", config["azure-native:location"]);
    }

    private static int FirstDifference(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i])
            {
                return i + 1;
            }
        }

        return Math.Min(left.Length, right.Length) + 1;
    }
}
