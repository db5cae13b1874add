using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace SentinelAwsIac.Verify.Tests;

/// <summary>The deploy workflow calls the verification with options the tool accepts, and passes the external ID
/// through the environment variable the tool reads, never as an argument.</summary>
public sealed partial class DeployWorkflowTests
{
    private static readonly string Root = typeof(DeployWorkflowTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static readonly string Deploy = File.ReadAllText(Path.Combine(Root, ".github", "workflows", "deploy.yml"));

    [Fact]
    public void Every_verify_call_parses_with_the_tools_options()
    {
        var calls = VerifyCall().Matches(Deploy).Select(m => m.Groups["args"].Value).ToList();
        Assert.Equal(2, calls.Count); // dev and prod
        foreach (var call in calls)
        {
            // Stand-in values of the right shape for the $VARIABLES the workflow passes.
            var args = Regex.Split(call.Trim(), @"\s+").Select(a => a.Trim('"') switch
            {
                "$WORKSPACE_ID" => "6b3c5a8e-1f5d-4a8e-9f1e-2d3c4b5a6f70",
                "$READER_ROLE_ARN" => "arn:aws:iam::111122223333:role/reader",
                var other when other.StartsWith('$') => "value",
                var other => other,
            }).ToArray();
            var options = VerifyOptions.Parse(args, out var error);
            Assert.True(options is not null, $"{error}: {call}");
            Assert.DoesNotContain("external-id", call.Replace("external-id-env", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_external_id_reaches_the_tool_only_through_its_environment_variable()
    {
        Assert.Equal(2, Regex.Count(Deploy, $@"{VerifyOptions.DefaultExternalIdVariable}: \$\{{\{{ steps\.up\.outputs\.externalId \}}\}}"));
    }

    [GeneratedRegex(@"dotnet run --project tools/Verify -c Release --(?<args>(\s+(--[a-z-]+)\s+""?\$?[A-Za-z0-9_]+""?)+)")]
    private static partial Regex VerifyCall();
}
