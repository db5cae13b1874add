using System.Diagnostics;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The typed layer in infra/Pulumi is what infra/Pulumi/Generator/generate.mjs makes of the pinned @pulumi/*
/// declarations (tests/Conformance/node_modules): a fresh run into a temporary folder gives the same files.</summary>
public sealed class GeneratedLayerTests
{
    private static readonly string[] GeneratedRoots = ["Aws", "AzureNative", "Random"];

    [Fact]
    public void The_checked_in_layer_is_what_the_generator_makes_of_the_pinned_declarations()
    {
        Run("bash", Path.Combine(Repo.Root, "tests/Conformance/install.sh"));
        var fresh = Path.Combine(Path.GetTempPath(), "sentinel-aws-iac-layer-" + Guid.NewGuid().ToString("N"));
        try
        {
            Run("node", Path.Combine(Repo.Root, "infra/Pulumi/Generator/generate.mjs"), "--out", fresh);
            var checkedIn = Path.Combine(Repo.Root, "infra/Pulumi");
            var expected = Files(fresh);
            var actual = Files(checkedIn);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            var stale = expected.Where(f => actual[f.Key] != f.Value).Select(f => f.Key).ToList();
            Assert.True(stale.Count == 0, $"Generated files differ from a fresh run (run `node infra/Pulumi/Generator/generate.mjs`): {string.Join(", ", stale.Take(10))}");
        }
        finally
        {
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    [Fact]
    public void Classes_are_named_and_typed_as_the_pulumi_dotnet_sdk_names_them()
    {
        Assert.Equal("SentinelAwsIac.Infra.Pulumi.Aws.Iam", typeof(Role).Namespace);
        Assert.Equal(typeof(Output<string>), typeof(Role).GetProperty(nameof(Role.Arn))!.PropertyType);
        Assert.Equal(typeof(Input<string>), typeof(RoleArgs).GetProperty(nameof(RoleArgs.AssumeRolePolicy))!.PropertyType);
        Assert.NotNull(typeof(SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor.DataCollectionRule));
        Assert.NotNull(typeof(GetPolicyDocument).GetMethod("Invoke"));
        // A property the provider requires is `required` in C#: leaving it out fails the build (CS9035).
        Assert.Contains(typeof(RoleArgs).GetProperty(nameof(RoleArgs.AssumeRolePolicy))!.CustomAttributes, a => a.AttributeType.Name == "RequiredMemberAttribute");
        Assert.Equal(PackageVersions.Aws, ((ResourceTypeAttribute)typeof(Role).GetCustomAttributes(typeof(ResourceTypeAttribute), false).Single()).Version);
    }

    private static Dictionary<string, string> Files(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var top in GeneratedRoots)
        {
            var directory = Path.Combine(root, top);
            foreach (var file in Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories) : [])
            {
                files[Path.GetRelativePath(root, file).Replace('\\', '/')] = File.ReadAllText(file);
            }
        }

        files["PackageVersions.g.cs"] = File.ReadAllText(Path.Combine(root, "PackageVersions.g.cs"));
        return files;
    }

    private static void Run(string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = Repo.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
