using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class LeastPrivilegeTests
{
    [Theory]
    [InlineData("worker")]
    [InlineData("sentinel")]
    public void By_default_the_reader_may_call_LookupEvents_and_nothing_else(string mode)
    {
        var program = Emit.View(("mode", mode));
        var policies = program.OfType("aws:iam:RolePolicy").Where(p => p.Resource["properties"]!["role"]!.GetValue<string>().StartsWith("${readerRole.", StringComparison.Ordinal)).ToList();
        var (_, policy) = Assert.Single(policies);
        var statement = program.Statement(policy["properties"]!["policy"]!.GetValue<string>());
        Assert.Equal("Allow", statement["effect"]!.GetValue<string>());
        Assert.Equal(["cloudtrail:LookupEvents"], statement["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["*"], statement["resources"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Empty(program.OfType("aws:iam:RolePolicyAttachment"));
        Assert.Null(program.Properties("readerRole")["managedPolicyArns"]);
        Assert.Null(program.Properties("readerRole")["inlinePolicies"]);
    }

    [Fact]
    public void Managed_choice_attaches_only_the_CloudTrail_read_only_managed_policy()
    {
        var program = Emit.View(("readerPolicy", "managed"));
        var (_, attachment) = Assert.Single(program.OfType("aws:iam:RolePolicyAttachment"));
        Assert.Equal($"arn:aws:iam::aws:policy/{WellKnownIds.CloudTrailReadOnlyPolicyName}", attachment["properties"]!["policyArn"]!.GetValue<string>());
        Assert.Equal("${readerRole.name}", attachment["properties"]!["role"]!.GetValue<string>());
        Assert.DoesNotContain(program.OfType("aws:iam:RolePolicy"), p => p.Resource["properties"]!["role"]!.GetValue<string>().StartsWith("${readerRole.", StringComparison.Ordinal));
    }

    [Fact]
    public void Broker_may_only_assume_the_reader_role()
    {
        var program = Emit.View();
        var policy = program.Properties("brokerMayAssumeReader");
        Assert.Equal("${brokerRole.id}", policy["role"]!.GetValue<string>());
        var statement = program.Statement(policy["policy"]!.GetValue<string>());
        Assert.Equal(["sts:AssumeRole"], statement["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["${readerRole.arn}"], statement["resources"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Storage_is_private()
    {
        var program = Emit.View();
        Assert.False(program.Properties("workerstorage")["allowBlobPublicAccess"]!.GetValue<bool>());
        foreach (var (_, container) in program.OfType("azure-native:storage:BlobContainer"))
        {
            Assert.Equal("None", container["properties"]!["publicAccess"]!.GetValue<string>());
        }
    }
}
