using System.Text.Json;
using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The compiler as Pulumi's YAML runtime runs it: a process, PULUMI_* env in, the program on stdout.</summary>
public sealed class CompilerProcessTests
{
    private static string PulumiConfig(params (string Key, string Value)[] entries) =>
        JsonSerializer.Serialize(Emit.Config(entries));

    [Fact]
    public void Secrets_fed_through_PULUMI_CONFIG_never_reach_stdout_or_stderr()
    {
        const string externalId = "ext-id-SHOULD-NOT-LEAK-7f3a";
        var config = PulumiConfig([("externalId", externalId), .. Emit.AccessKeyBroker]);
        var result = InfraProcess.Run(new Dictionary<string, string> { ["PULUMI_CONFIG"] = config });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.NotNull(JsonNode.Parse(result.Stdout));
        foreach (var secret in new[] { externalId, Emit.SecretKey })
        {
            Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
        }

        // The program still uses them, by reference (each declared under a key of its own that names the stack key).
        Assert.Contains("\"fn::secret\": \"${brokerSecretAccessKeyText}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"fn::secret\": \"${externalIdText}\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"externalId\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_secret_fails_without_showing_it()
    {
        const string badExternalId = "has spaces SECRET-VALUE";
        var result = InfraProcess.Run(new Dictionary<string, string> { ["PULUMI_CONFIG"] = PulumiConfig(("externalId", badExternalId)) });
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("sentinel-aws-iac:externalId", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-VALUE", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_PULUMI_env_it_succeeds_and_lists_every_package_any_mode_uses_at_the_same_versions()
    {
        var result = InfraProcess.Run();
        Assert.True(result.ExitCode == 0, result.Stderr);
        var listing = new ProgramView(JsonNode.Parse(result.Stdout)!.AsObject()).Packages();

        Assert.Equal(PackageVersions.ByPackage.Select(p => (p.Key, p.Value)).ToHashSet(), listing);
        foreach (var (mode, config) in Emit.Modes)
        {
            var used = Emit.View(config).Packages();
            Assert.True(used.IsSubsetOf(listing), $"mode {mode} uses {string.Join(", ", used.Except(listing))}, which the package listing does not name.");
        }
    }

    [Fact]
    public void Output_is_byte_identical_across_runs_and_config_order()
    {
        var forward = PulumiConfig(("awsRegions", "us-east-1,eu-west-1"), ("tags", """{"b":"2","a":"1"}"""), ("backfillDays", "3"));
        var reversed = PulumiConfig(("backfillDays", "3"), ("tags", """{"a":"1","b":"2"}"""), ("awsRegions", "us-east-1,eu-west-1"));
        var first = InfraProcess.Run(new Dictionary<string, string> { ["PULUMI_CONFIG"] = forward });
        var second = InfraProcess.Run(new Dictionary<string, string> { ["PULUMI_CONFIG"] = reversed });
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(Emit.Build(("awsRegions", "us-east-1,eu-west-1"), ("tags", """{"a":"1","b":"2"}"""), ("backfillDays", "3")).Render(), first.Stdout);
    }

    [Fact]
    public void Invalid_config_exits_non_zero_naming_the_key_and_the_fix_with_nothing_on_stdout()
    {
        var result = InfraProcess.Run(new Dictionary<string, string> { ["PULUMI_CONFIG"] = PulumiConfig(("mode", "both")) });
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("sentinel-aws-iac:mode", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Fix: pulumi config set sentinel-aws-iac:mode worker", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_and_explain_of_the_example_stack_work_offline()
    {
        var render = InfraProcess.Run(null, "render", "--stack", "dev");
        Assert.True(render.ExitCode == 0, render.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "docs", "stack", "dev.rendered.json")).Replace("\r\n", "\n"), render.Stdout);

        var explain = InfraProcess.Run(null, "explain", "--stack", "dev");
        Assert.True(explain.ExitCode == 0, explain.Stderr);
        foreach (var heading in new[] { "RESOURCES", "TRUST", "PERMISSIONS", "DATA FLOW", "CLOUDS", "MONITORING", "alertActionGroup", "cloudTrailWorkbook" })
        {
            Assert.Contains(heading, explain.Stdout, StringComparison.Ordinal);
        }

        var missing = InfraProcess.Run(null, "render", "--stack", "no-such-stack");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Pulumi.no-such-stack.yaml", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_compile_script_prints_only_the_program_on_stdout()
    {
        // bash infra/compile builds the compiler when it is stale, sending all build output to stderr.
        var result = InfraProcess.Start("bash", [Path.Combine("infra", "compile")]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var program = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("sentinel-aws-iac", program["name"]!.GetValue<string>());
        Assert.Equal(Emit.Build().Render(), result.Stdout);
    }
}
