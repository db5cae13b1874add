using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class ReferenceTests
{
    public static TheoryData<string> AllModes => new(Emit.Modes.Keys);

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Every_reference_names_a_declared_config_key_variable_or_resource(string mode)
    {
        var program = Emit.View(Emit.Modes[mode]);
        var declared = program.Config.Select(c => c.Key)
            .Concat(program.Variables.Select(v => v.Key))
            .Concat(program.ResourcesSection.Select(r => r.Key))
            .ToList();
        Assert.Equal(declared.Count, declared.Distinct().Count());

        var references = program.References().ToList();
        Assert.NotEmpty(references);
        foreach (var (path, expression) in references)
        {
            var root = expression.Split('.')[0];
            Assert.True(declared.Contains(root), $"{path}: ${{{expression}}} names '{root}', which is not declared.");
            if (program.Config.ContainsKey(root) || program.Variables.ContainsKey(root) && !expression.Contains('.'))
            {
                continue;
            }

            if (program.ResourcesSection.ContainsKey(root))
            {
                // A resource is referenced by an output (or, in dependsOn and deletedWith, by itself).
                var wholeResourceOption = path.EndsWith(']') && path.Contains(".dependsOn[", StringComparison.Ordinal)
                    || path.EndsWith(".options.deletedWith", StringComparison.Ordinal);
                Assert.True(expression.Contains('.') || wholeResourceOption, $"{path}: ${{{expression}}} names a resource without an output.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Every_declared_config_key_and_variable_is_used(string mode)
    {
        var program = Emit.View(Emit.Modes[mode]);
        var roots = program.References().Select(r => r.Expression.Split('.')[0]).ToHashSet();
        Assert.All(program.Config.Select(c => c.Key), key => Assert.Contains(key, roots));
        Assert.All(program.Variables.Select(v => v.Key), key => Assert.Contains(key, roots));
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Every_resource_and_invoke_is_pinned_to_the_conformance_versions(string mode)
    {
        var program = Emit.View(Emit.Modes[mode]);
        foreach (var (package, version) in program.Packages())
        {
            Assert.Equal(PackageVersions.ByPackage[package], version);
        }

        Assert.Equal("7.48.0", PackageVersions.Aws);
        Assert.Equal("3.28.0", PackageVersions.AzureNative);
        Assert.Equal("4.21.2", PackageVersions.Random);
    }

    [Fact]
    public void Existing_workspace_is_read_by_its_id_and_split_into_group_and_name_at_compile_time()
    {
        var program = Emit.View(("workspaceResourceId", Emit.WorkspaceId));
        var workspace = program.Resource("logAnalyticsWorkspace");
        Assert.Null(workspace["properties"]);
        Assert.Equal(Emit.WorkspaceId, workspace["get"]!["id"]!.GetValue<string>());
        // The group and the name out of an Azure resource ID split at '/'.
        Assert.Equal("secops", program.Properties("sentinelOnboarding")["resourceGroupName"]!.GetValue<string>());
        Assert.Equal("sentinel-ws", program.Properties("sentinelOnboarding")["workspaceName"]!.GetValue<string>());
        Assert.DoesNotContain(program.Variables, v => v.Value!["fn::select"] is not null);
    }
}
