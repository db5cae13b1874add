using SentinelAwsIac.Connector.Source.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

public sealed class CloudTrailObjectKeyTests
{
    [Theory]
    [InlineData("AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/07/123456789012_CloudTrail_us-east-1_20261207T1005Z_abcdefABCDEF0123.json.gz", "123456789012", "us-east-1", null)]
    [InlineData("logs/prefix/AWSLogs/123456789012/CloudTrail/eu-west-1/2026/01/31/x.json.gz", "123456789012", "eu-west-1", null)]
    [InlineData("AWSLogs/o-a1b2c3d4e5/210987654321/CloudTrail/us-gov-west-1/2026/12/07/y.json.gz", "210987654321", "us-gov-west-1", "o-a1b2c3d4e5")]
    [InlineData("AWSLogs/123456789012/CloudTrail/cn-north-1/2026/12/07/z.json.gz", "123456789012", "cn-north-1", null)]
    public void A_log_file_key_gives_its_account_and_region(string key, string account, string region, string? org)
    {
        var k = CloudTrailObjectKey.Classify(key);
        Assert.Equal(CloudTrailObjectKind.LogFile, k.Kind);
        Assert.Equal(account, k.AccountId);
        Assert.Equal(region, k.Region);
        Assert.Equal(org, k.OrganizationId);
    }

    [Theory]
    [InlineData("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/12/07/123456789012_CloudTrail-Digest_us-east-1_trail_us-east-1_20261207T1005Z.json.gz")]
    [InlineData("AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail-Digest/us-east-1/2026/12/07/d_backfill.json.gz")]
    public void A_digest_file_is_a_digest(string key) => Assert.Equal(CloudTrailObjectKind.Digest, CloudTrailObjectKey.Classify(key).Kind);

    [Theory]
    [InlineData("AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2026/12/07/i.json.gz")]
    [InlineData("AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/07/not-gzip.json")]
    [InlineData("AWSLogs/12345/CloudTrail/us-east-1/2026/12/07/short-account.json.gz")]
    [InlineData("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/12/07/elb.log.gz")]
    [InlineData("readme.txt")]
    [InlineData("")]
    public void Anything_else_is_other(string key) => Assert.Equal(CloudTrailObjectKind.Other, CloudTrailObjectKey.Classify(key).Kind);
}
