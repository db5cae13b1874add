using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>Per Azure cloud and AWS partition: the endpoints, ARNs, audiences and issuers the stack writes.</summary>
public sealed class CloudTests
{
    public static TheoryData<string, string, string, string> Combinations
    {
        get
        {
            var data = new TheoryData<string, string, string, string>();
            string[] regions = ["us-east-1", "us-gov-west-1", "cn-north-1"];
            foreach (var cloud in AzureCloud.All)
            {
                foreach (var (partition, region) in AwsPartition.All.Zip(regions))
                {
                    data.Add(cloud.Name, partition.Name, region, partition.Name == "aws-cn" ? "cn-north-1,cn-northwest-1" : region);
                }
            }

            return data;
        }
    }

    private static (string, string)[] Config(string cloud, string partition, string region, string regions, params (string, string)[] more)
    {
        var entries = new List<(string, string)> { ("azureCloud", cloud), ("awsPartition", partition), ("aws:region", region), ("awsRegions", regions) };
        if (cloud != "public")
        {
            entries.Add(("azure-native:environment", cloud));
        }

        return [.. entries, .. more];
    }

    private static Dictionary<string, string> AppSettings(ProgramView program) =>
        program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_combination_renders_with_its_clouds_audience_issuer_and_partition(string cloud, string partition, string region, string regions)
    {
        var program = Emit.View(Config(cloud, partition, region, regions, ("readerPolicy", "managed")));
        var azure = AzureCloud.Find(cloud)!;
        var aws = AwsPartition.Find(partition)!;

        var settings = AppSettings(program);
        Assert.Equal(azure.LogsIngestionAudience, settings[WorkerSettings.AsEnvironmentName(WorkerSettings.IngestionAudience)]);
        Assert.Equal(partition, settings[WorkerSettings.AsEnvironmentName(WorkerSettings.AwsPartition)]);

        // The broker's IAM OIDC provider trusts the v1 issuer of this cloud; its condition keys drop https://.
        var issuer = $"https://{azure.TokenIssuerHost}/${{azureClient.tenantId}}/";
        Assert.Equal(issuer, program.Properties("entraIdOidcProvider")["url"]!.GetValue<string>());
        var conditions = program.Statement(program.Properties("brokerRole")["assumeRolePolicy"]!.GetValue<string>())["conditions"]!.AsArray();
        Assert.All(conditions, c => Assert.StartsWith($"{azure.TokenIssuerHost}/${{azureClient.tenantId}}/:", c!["variable"]!.GetValue<string>(), StringComparison.Ordinal));

        // ARNs of the partition; no ARN of another partition anywhere in the program.
        Assert.Equal($"arn:{partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess", program.Properties("readerCloudTrailReadOnly")["policyArn"]!.GetValue<string>());
        var arns = program.Strings().Select(s => s.Value).Where(v => v.StartsWith("arn:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(arns);
        Assert.All(arns, a => Assert.StartsWith($"arn:{partition}:", a, StringComparison.Ordinal));
        Assert.DoesNotContain(program.Strings(), s => s.Value.Contains("aws:getPartition", StringComparison.Ordinal));
        Assert.Equal(aws, AwsPartition.OfRegion(region));
    }

    [Fact]
    public void Contracts_hold_the_documented_values_per_cloud_and_partition()
    {
        Assert.Equal(["https://monitor.azure.com", "https://monitor.azure.us", "https://monitor.azure.cn"], AzureCloud.All.Select(c => c.LogsIngestionAudience));
        Assert.Equal(["https://management.azure.com", "https://management.usgovcloudapi.net", "https://management.chinacloudapi.cn"], AzureCloud.All.Select(c => c.ResourceManagerEndpoint));
        Assert.Equal(["https://login.microsoftonline.com", "https://login.microsoftonline.us", "https://login.chinacloudapi.cn"], AzureCloud.All.Select(c => c.AuthorityHost));
        Assert.Equal("https://sts.chinacloudapi.cn/t/", AzureCloud.China.TokenIssuer("t"));
        Assert.Equal("https://sts.windows.net/t/", AzureCloud.Public.TokenIssuer("t"));

        Assert.Equal("cloudtrail.us-east-1.amazonaws.com", AwsPartition.Aws.CloudTrailHost("us-east-1"));
        Assert.Equal("cloudtrail.us-gov-west-1.amazonaws.com", AwsPartition.UsGov.CloudTrailHost("us-gov-west-1"));
        Assert.Equal("cloudtrail.cn-north-1.amazonaws.com.cn", AwsPartition.China.CloudTrailHost("cn-north-1"));
        Assert.Equal("sts.cn-northwest-1.amazonaws.com.cn", AwsPartition.China.StsHost("cn-northwest-1"));
        Assert.Equal("arn:aws-us-gov:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess", AwsPartition.UsGov.ManagedPolicyArn(WellKnownIds.CloudTrailReadOnlyPolicyName));
        Assert.Equal("arn:aws:iam::197857026523:root", AwsPartition.Aws.AccountRootArn(WellKnownIds.SentinelAwsAccountId));
        Assert.Equal([AwsPartition.Aws, AwsPartition.UsGov, AwsPartition.China, AwsPartition.Aws], new[] { "eu-west-1", "us-gov-east-1", "cn-northwest-1", "us-east-2" }.Select(AwsPartition.OfRegion));
    }

    [Fact]
    public void The_default_is_the_public_cloud_and_the_aws_partition_and_sentinel_mode_keeps_Microsofts_aws_principal()
    {
        var settings = AppSettings(Emit.View());
        Assert.Equal("https://monitor.azure.com", settings["Sink__Audience"]);
        Assert.Equal("aws", settings["Source__AwsPartition"]);

        var sentinel = Emit.View(("mode", "sentinel"));
        var trust = sentinel.Statement(sentinel.Properties("readerRole")["assumeRolePolicy"]!.GetValue<string>());
        Assert.Equal("arn:aws:iam::197857026523:root", trust["principals"]![0]!["identifiers"]![0]!.GetValue<string>());
    }
}
