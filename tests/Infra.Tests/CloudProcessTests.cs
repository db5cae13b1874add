using System.Text.Json;
using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>Cloud combinations through the compiler process, as Pulumi runs it.</summary>
public sealed class CloudProcessTests
{
    private static InfraProcess.Result Run(params (string Key, string Value)[] entries) =>
        InfraProcess.Run(new Dictionary<string, string> { ["PULUMI_CONFIG"] = JsonSerializer.Serialize(Emit.Config(entries)), ["PULUMI_STACK"] = "cloud-test", ["SENTINEL_AWS_IAC_NO_PUBLISH"] = "1" });

    [Fact]
    public void Sentinel_mode_in_the_China_partition_exits_non_zero_naming_the_keys_and_the_fix()
    {
        var result = Run(("mode", "sentinel"), ("awsPartition", "aws-cn"), ("aws:region", "cn-north-1"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("'sentinel-aws-iac:awsPartition'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("197857026523", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Fix: pulumi config set sentinel-aws-iac:mode worker", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sovereign_cloud_without_the_providers_environment_exits_non_zero()
    {
        var result = Run(("azureCloud", "usgovernment"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Fix: pulumi config set azure-native:environment usgovernment.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_China_with_AWS_China_renders_as_a_program()
    {
        var result = Run(("azureCloud", "china"), ("azure-native:environment", "china"), ("awsPartition", "aws-cn"), ("aws:region", "cn-north-1"), ("alertEmail", "secops@example.cn"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var program = new ProgramView(JsonNode.Parse(result.Stdout)!.AsObject());
        Assert.Equal("https://sts.chinacloudapi.cn/${azureClient.tenantId}/", program.Properties("entraIdOidcProvider")["url"]!.GetValue<string>());
        Assert.Equal(3, program.OfType("azure-native:monitor:ScheduledQueryRule").Count());
    }
}
