using Xunit;

namespace SentinelAwsIac.Verify.Tests;

/// <summary>The command line: required values, their shapes, and no way to pass the external ID as an argument.</summary>
public sealed class VerifyOptionsTests
{
    private static readonly string[] Required = ["--workspace-id", "6b3c5a8e-1f5d-4a8e-9f1e-2d3c4b5a6f70", "--reader-role-arn", "arn:aws:iam::111122223333:role/reader", "--region", "eu-west-1"];

    [Fact]
    public void Defaults_are_the_stacks_names()
    {
        var options = VerifyOptions.Parse(Required, out var error);
        Assert.True(options is not null, error);
        Assert.Equal("AWSCloudTrail_CL", options!.Table);
        Assert.Equal("AWSCloudTrailConnectorHealth_CL", options.HealthTable);
        Assert.Equal(TimeSpan.FromMinutes(20), options.Timeout);
        Assert.Equal(VerifyOptions.DefaultExternalIdVariable, options.ExternalIdVariable);
    }

    [Theory]
    [InlineData("--external-id", "secret-value", "unknown option --external-id")]
    [InlineData("--timeout-minutes", "0", "--timeout-minutes must be a positive number")]
    [InlineData("--azure-cloud", "mars", "--azure-cloud must be one of")]
    public void Refuses_what_it_must(string key, string value, string message)
    {
        Assert.Null(VerifyOptions.Parse([.. Required, key, value], out var error));
        Assert.StartsWith(message, error);
    }

    [Fact]
    public void A_workspace_resource_id_is_not_a_workspace_id()
    {
        string[] args = [.. Required];
        args[1] = "/subscriptions/0/resourceGroups/r/providers/Microsoft.OperationalInsights/workspaces/w";
        Assert.Null(VerifyOptions.Parse(args, out var error));
        Assert.Contains("customer ID", error);
    }
}
