using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>What a destroy keeps (docs/facts.md#retention-on-destroy), per mode, as the least-privilege tests assert IAM.</summary>
public sealed class RetentionTests
{
    private static readonly string[] Created = ["resourceGroup", "logAnalyticsWorkspace", "sentinelOnboarding", "cloudTrailTable", "connectorHealthTable", "workerstorage", "checkpointContainer"];

    /// <summary>What each mode of <see cref="Emit.Modes"/> keeps by default: the resources holding ingested rows, the
    /// checkpoints that say which rows are there, and the group they live in.</summary>
    public static TheoryData<string, string[]> KeptByDefault => new()
    {
        { "worker-default", Created },
        { "worker-accessKey", Created },
        { "worker-regions-externalId-managed", Created },
        { "worker-alertEmail", Created },
        { "worker-china-aws-cn-alertEmail", Created },
        { "worker-usgovernment-aws-us-gov-accessKey", Created },
        // The code package's own account holds no data, so it is deleted; the checkpoint account is kept as elsewhere.
        { "worker-privateNetwork", Created },
        { "worker-privateNetwork-accessKey-usgovernment", Created },
        // The existing workspace is only read (never deleted); its tables and the checkpoints are kept.
        { "worker-existing-workspace", ["resourceGroup", "sentinelOnboarding", "cloudTrailTable", "connectorHealthTable", "workerstorage", "checkpointContainer"] },
        // Rows go to the built-in table, which lives and dies with the workspace; no Sentinel onboarding.
        { "worker-builtInTable-no-sentinel", ["resourceGroup", "logAnalyticsWorkspace", "connectorHealthTable", "workerstorage", "checkpointContainer"] },
        // Microsoft's connector writes to the workspace; no worker storage.
        { "sentinel", ["resourceGroup", "logAnalyticsWorkspace", "sentinelOnboarding"] },
        // Nothing of the stack's group holds data; Sentinel stays on the customer's workspace.
        { "sentinel-managed-existing", ["sentinelOnboarding"] },
    };

    private static HashSet<string> Retained(ProgramView program) =>
        program.ResourcesSection.Where(r => r.Value!["options"]?["retainOnDelete"]?.GetValue<bool>() == true).Select(r => r.Key).ToHashSet();

    [Fact]
    public void Every_mode_is_covered()
    {
        Assert.Equal(Emit.Modes.Keys.Order(), KeptByDefault.Select(row => (string)row[0]).Order());
    }

    [Theory]
    [MemberData(nameof(KeptByDefault))]
    public void By_default_a_destroy_keeps_exactly_what_holds_ingested_data(string mode, string[] kept)
    {
        var program = Emit.View(Emit.Modes[mode]);
        Assert.Equal(kept.Order(), Retained(program).Order());
    }

    [Theory]
    [MemberData(nameof(KeptByDefault))]
    public void Every_created_resource_of_a_type_that_holds_data_is_kept(string mode, string[] _)
    {
        var program = Emit.View(Emit.Modes[mode]);
        string[] holdData = ["azure-native:operationalinsights:Workspace", "azure-native:operationalinsights:Table", "azure-native:securityinsights:SentinelOnboardingState", "azure-native:storage:StorageAccount"];
        var retained = Retained(program);
        foreach (var (name, resource) in program.ResourcesSection.Select(r => (r.Key, r.Value!.AsObject())))
        {
            var type = resource["type"]!.GetValue<string>();
            if (resource["get"] is not null)
            {
                // Read, never created: a destroy leaves it alone without an option.
                Assert.False(retained.Contains(name), $"{name} is only read and needs no retainOnDelete");
            }
            else if (name == "workerpackages")
            {
                // Private-network mode's package account: the code package only, rebuilt by every up.
                Assert.False(retained.Contains(name), $"{mode}: {name} holds only the code package and needs no retainOnDelete");
            }
            else if (holdData.Contains(type))
            {
                Assert.True(retained.Contains(name), $"{mode}: {name} ({type}) holds data and is not kept on destroy");
            }
        }

        // The checkpoints live in a kept account inside a kept group: Azure deletes a group with what is in it.
        if (program.ResourcesSection.ContainsKey("checkpointContainer"))
        {
            Assert.Contains("checkpointContainer", retained);
            Assert.Equal("${workerstorage.name}", program.Properties("checkpointContainer")["accountName"]!.GetValue<string>());
            Assert.Contains("workerstorage", retained);
            Assert.Contains("resourceGroup", retained);
            Assert.DoesNotContain("packageContainer", retained);
        }
    }

    [Theory]
    [MemberData(nameof(KeptByDefault))]
    public void Opting_in_to_delete_the_data_keeps_nothing(string mode, string[] _)
    {
        if (Emit.Modes[mode].Any(e => e.Item1 == "workspaceResourceId"))
        {
            var error = Assert.Throws<ConfigException>(() => Emit.Build([.. Emit.Modes[mode], ("dataOnDestroy", "delete")]));
            Assert.Equal(ConfigKeys.DataOnDestroy.Qualified, error.Key);
            return;
        }

        var program = Emit.View([.. Emit.Modes[mode], ("dataOnDestroy", "delete")]);
        Assert.Empty(Retained(program));
        Assert.False(program.Outputs.ContainsKey("keptOnDestroy"));
        Assert.Equal(Emit.View(Emit.Modes[mode]).ResourcesSection.Select(r => r.Key), program.ResourcesSection.Select(r => r.Key));
    }

    [Fact]
    public void Keep_is_the_default_and_the_only_other_choice_is_delete()
    {
        Assert.Equal(Retained(Emit.View()), Retained(Emit.View(("dataOnDestroy", "keep"))));
        var error = Assert.Throws<ConfigException>(() => Emit.Build(("dataOnDestroy", "purge")));
        Assert.Equal(ConfigKeys.DataOnDestroy.Qualified, error.Key);
    }

    [Theory]
    [MemberData(nameof(KeptByDefault))]
    public void The_keptOnDestroy_output_names_the_id_of_each_kept_resource(string mode, string[] kept)
    {
        var program = Emit.View(Emit.Modes[mode]);
        var output = program.Outputs["keptOnDestroy"]!.AsObject();
        Assert.Equal(kept.Order(), output.Select(o => o.Key).Order());
        foreach (var (name, id) in output)
        {
            Assert.Equal($"${{{name}.id}}", id!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(KeptByDefault))]
    public void Explain_lists_each_kept_resource_with_its_manual_delete_its_cost_and_its_import(string mode, string[] kept)
    {
        var (settings, built) = Compiler.Build(Emit.Config(Emit.Modes[mode]), Repo.Root, publisher: null, CancellationToken.None);
        var text = Explainer.Explain("test", settings, built);
        var section = text[text.IndexOf("\nON DESTROY", StringComparison.Ordinal)..text.IndexOf("\nCLOUDS", StringComparison.Ordinal)];
        var program = new ProgramView(built.ToJson());
        foreach (var name in kept)
        {
            var type = program.Resource(name)["type"]!.GetValue<string>();
            var entry = section.IndexOf($"\n    {name} — {type}: ", StringComparison.Ordinal);
            Assert.True(entry >= 0, $"explain does not list {name}:\n{section}");
            var lines = section[(entry + 1)..].Split('\n');
            Assert.StartsWith("      delete later: ", lines[1], StringComparison.Ordinal);
            Assert.StartsWith("      cost of keeping: ", lines[2], StringComparison.Ordinal);
            Assert.Contains($"pulumi import {type} {name} <keptOnDestroy.{name}> --protect=false", section, StringComparison.Ordinal);
        }

        Assert.Equal(kept.Length, section.Split('\n').Count(l => l.StartsWith("      delete later: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Explain_of_a_stack_that_deletes_its_data_says_so_and_lists_nothing()
    {
        var (settings, built) = Compiler.Build(Emit.Config(("dataOnDestroy", "delete")), Repo.Root, publisher: null, CancellationToken.None);
        var text = Explainer.Explain("test", settings, built);
        var section = text[text.IndexOf("\nON DESTROY", StringComparison.Ordinal)..text.IndexOf("\nCLOUDS", StringComparison.Ordinal)];
        Assert.Contains("dataOnDestroy is delete: pulumi destroy deletes everything", section, StringComparison.Ordinal);
        Assert.DoesNotContain("delete later:", section, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dev_example_stack_opts_in_so_its_destroy_removes_everything()
    {
        var settings = StackFile.Read(Path.Combine(Repo.Root, "Pulumi.dev.yaml"));
        Assert.Equal("delete", settings[ConfigKeys.DataOnDestroy.Qualified]);
        var rendered = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "docs", "stack", "dev.rendered.json")))!.AsObject();
        Assert.DoesNotContain(rendered["resources"]!.AsObject(), r => r.Value!["options"]?["retainOnDelete"] is not null);
    }

    [Fact]
    public void The_README_names_every_kept_resource_and_the_step_explain_gives_for_it()
    {
        var readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("### What a destroy keeps", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no section 'What a destroy keeps'");
        var section = readme[start..readme.IndexOf("\n## ", start, StringComparison.Ordinal)];
        foreach (var config in Emit.Modes.Values)
        {
            var (settings, built) = Compiler.Build(Emit.Config(config), Repo.Root, publisher: null, CancellationToken.None);
            var lines = Explainer.Explain("test", settings, built).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("      delete later: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = lines[i - 1].Trim().Split(' ')[0];
                Assert.Contains($"`{name}`", section, StringComparison.Ordinal);
                var step = lines[i]["      delete later: ".Length..];
                // The command without its arguments, or the portal path.
                var essence = step.StartsWith("az ", StringComparison.Ordinal)
                    ? step[..step.IndexOf(" --", StringComparison.Ordinal)]
                    : step[(step.IndexOf("portal: ", StringComparison.Ordinal) + "portal: ".Length)..step.IndexOf(')')];
                Assert.True(section.Contains(essence, StringComparison.Ordinal), $"README's 'What a destroy keeps' does not give the step explain gives for {name}: {essence}");
            }
        }

        Assert.Contains($"`{ConfigKeys.DataOnDestroy.Qualified}`", readme, StringComparison.Ordinal);
    }
}
