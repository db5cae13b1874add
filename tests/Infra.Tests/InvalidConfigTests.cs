using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class InvalidConfigTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // The key the message must name, the config entries (key=value;key=value), a phrase of the problem.
        { "mode", "mode=both", "worker or sentinel" },
        { "readerPolicy", "readerPolicy=admin", "leastPrivilege or managed" },
        { "externalId", "externalId=x", "2–1224" },
        { "externalId", "externalId=has space", "value not shown" },
        { "maxSessionDurationSeconds", "maxSessionDurationSeconds=900", "3600 to 43200" },
        { "maxSessionDurationSeconds", "maxSessionDurationSeconds=1h", "whole number" },
        { "backfillDays", "backfillDays=91", "0 to 90" },
        { "tableRetentionDays", "tableRetentionDays=3", "4 to 730" },
        { "workspaceRetentionDays", "workspaceRetentionDays=7", "30 to 730" },
        { "readerRoleNamePrefix", "readerRoleNamePrefix=this-prefix-is-far-too-long-for-an-iam-role", "38" },
        { "awsRegions", "awsRegions=us-east-1,mars-1", "mars-1" },
        { "awsRegions", "awsRegions=us-east-1,us-east-1", "twice" },
        { "tableName", "tableName=CloudTrail", "_CL" },
        { "tablePlan", "tablePlan=Premium", "Analytics or Basic or Auxiliary" },
        { "appServiceSku", "appServiceSku=F1", "Always On" },
        { "workspaceResourceId", "workspaceResourceId=my-workspace", "/subscriptions/" },
        { "tags", "tags=owner", "map" },
        { "sentinel", "sentinel=yes", "true or false" },
        { "brokerAccessKeyId", "broker=accessKey;brokerPrincipalArn=arn:aws:iam::123456789012:user/b", "required with the accessKey broker" },
        { "brokerPrincipalArn", "broker=accessKey;brokerPrincipalArn=*;brokerAccessKeyId=AKIAIOSFODNN7EXAMPLE;brokerSecretAccessKey=s", "never a wildcard" },
        { "brokerPrincipalArn", "brokerPrincipalArn=arn:aws:iam::123456789012:user/b", "accessKey broker only" },
        { "sentinel", "mode=sentinel;sentinel=false", "sentinel mode needs" },
        { "externalId", "mode=sentinel;externalId=abcdef", "worker mode only" },
        { "tableName", "destination=builtInTable;tableName=X_CL", "builtInTable" },
        { "workspaceRetentionDays", $"workspaceResourceId={Emit.WorkspaceId};workspaceRetentionDays=90", "existing workspace" },
        { "modes", "modes=worker", "not a key of this stack" },
        // Clouds: unknown values, provider keys that disagree, regions and principals of another partition.
        { "azureCloud", "azureCloud=germany", "public or usgovernment or china" },
        { "awsPartition", "awsPartition=aws-iso", "aws or aws-us-gov or aws-cn" },
        { "azure-native:environment", "azureCloud=china", "is not set" },
        { "azure-native:environment", "azureCloud=usgovernment;azure-native:environment=china", "both must name the same Azure cloud" },
        { "azure-native:environment", "azure-native:environment=usgovernment", "both must name the same Azure cloud" },
        { "awsPartition", "awsPartition=aws-cn;aws:region=us-east-1", "us-east-1 is a region of aws" },
        { "awsPartition", "aws:region=cn-north-1", "cn-north-1 is a region of aws-cn" },
        { "awsRegions", "awsPartition=aws-us-gov;aws:region=us-gov-west-1;awsRegions=us-gov-west-1,us-east-1", "one stack reads one partition" },
        { "brokerPrincipalArn", "awsPartition=aws-cn;aws:region=cn-north-1;broker=accessKey;brokerPrincipalArn=arn:aws:iam::123456789012:user/b;brokerAccessKeyId=AKIAIOSFODNN7EXAMPLE;brokerSecretAccessKey=s", "not an ARN of partition aws-cn" },
        { "awsPartition", "mode=sentinel;awsPartition=aws-us-gov;aws:region=us-gov-west-1", "cannot trust a principal of another partition" },
        { "awsPartition", "mode=sentinel;awsPartition=aws-cn;aws:region=cn-north-1", "197857026523" },
        { "azureCloud", "mode=sentinel;azureCloud=china;azure-native:environment=china", "Azure public cloud only" },
        { "azureCloud", "mode=sentinel;azureCloud=usgovernment;azure-native:environment=usgovernment", "Azure public cloud only" },
        // Alerting.
        { "alertEmail", "alertEmail=not-an-address", "one email address" },
        { "alertLagMinutes", "alertLagMinutes=90", "alertEmail is not set" },
        { "alertSilenceMinutes", "alertEmail=a@b.co;alertSilenceMinutes=2", "5 to 360" },
        { "alertFailingMinutes", "alertEmail=a@b.co;alertFailingMinutes=181", "5 to 180" },
        { "alertEmail", "mode=sentinel;alertEmail=a@b.co", "worker mode only" },
        { "tableName", "tableName=AWSCloudTrailConnectorHealth_CL", "health table" },
        // Worker telemetry.
        { "workerTelemetry", "workerTelemetry=yes", "true or false" },
        { "workerTelemetry", "mode=sentinel;workerTelemetry=true", "worker mode only" },
        { "workerTelemetry", "azureCloud=usgovernment;azure-native:environment=usgovernment;workerTelemetry=true", "public cloud" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_config_fails_naming_the_key_and_a_fix(string key, string entries, string problem)
    {
        var config = entries.Split(';').Select(e => e.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();
        var error = Assert.Throws<ConfigException>(() => Emit.Build(config));
        var qualified = key.Contains(':') ? key : $"{ConfigKeys.Namespace}:{key}";
        Assert.Equal(qualified, error.Key);
        Assert.Contains($"'{qualified}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_keys_and_other_namespaces_are_left_to_their_providers()
    {
        var program = Emit.Build(("aws:region", "us-east-1"), ("azure-native:location", "westeurope"), ("other:key", "x"));
        Assert.Equal("sentinel-aws-iac", program.Name);
    }

    [Fact]
    public void Pulumi_config_that_is_not_a_json_object_is_rejected()
    {
        Assert.Throws<ConfigException>(() => Compiler.ParsePulumiConfig("[1,2]"));
        Assert.Throws<ConfigException>(() => Compiler.ParsePulumiConfig("{not json"));
        Assert.Empty(Compiler.ParsePulumiConfig(null));
        Assert.Equal("{\"a\":\"b\"}", Compiler.ParsePulumiConfig("""{"sentinel-aws-iac:tags":{"a":"b"}}""")["sentinel-aws-iac:tags"]);
    }
}
