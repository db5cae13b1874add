using SentinelAwsIac.Infra.Config;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class StackFileTests
{
    [Fact]
    public void Reads_plain_quoted_secure_and_nested_values_like_PULUMI_CONFIG()
    {
        var path = Path.Combine(Path.GetTempPath(), $"Pulumi.test-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            encryptionsalt: v1:abc
            config:
              # a comment
              aws:region: us-east-1
              sentinel-aws-iac:backfillDays: "14"
              sentinel-aws-iac:tableName: 'Trail_CL'
              sentinel-aws-iac:externalId:
                secure: AAABAKh2ciphertext==
              sentinel-aws-iac:tags:
                owner: secops
                cost-center: "42"
                note: 'it''s ours'
            """.Replace("\r\n", "\n"));
        try
        {
            var config = StackFile.Read(path);
            Assert.Equal("us-east-1", config["aws:region"]);
            Assert.Equal("14", config["sentinel-aws-iac:backfillDays"]);
            Assert.Equal("Trail_CL", config["sentinel-aws-iac:tableName"]);
            Assert.True(config.ContainsKey("sentinel-aws-iac:externalId"));
            Assert.Null(config["sentinel-aws-iac:externalId"]);
            Assert.Equal("""{"owner":"secops","cost-center":"42","note":"it's ours"}""", config["sentinel-aws-iac:tags"]);
            Assert.False(config.ContainsKey("encryptionsalt"));

            // A secure value is known to be set (structure) but is not validated offline.
            var settings = StackConfigReader.Read(config);
            Assert.True(settings.HasExternalId);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_stack_file_is_a_config_error_with_the_fix()
    {
        var error = Assert.Throws<ConfigException>(() => StackFile.Read(Path.Combine(Path.GetTempPath(), "Pulumi.none-such.yaml")));
        Assert.Contains("pulumi stack init", error.Message, StringComparison.Ordinal);
    }
}
