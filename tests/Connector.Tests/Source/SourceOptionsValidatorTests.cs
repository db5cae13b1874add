using SentinelAwsIac.Connector.Source;
using System.Globalization;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source;

public sealed class SourceOptionsValidatorTests
{
    private static SourceOptions Valid() => new()
    {
        ReaderRoleArn = "arn:aws:iam::111122223333:role/Reader",
        ExternalId = "abc-123",
        Regions = "us-east-1, eu-west-1",
        Broker = new BrokerOptions { Mode = BrokerMode.AccessKey, AccessKeyId = "AKIA", SecretAccessKey = "s" },
    };

    [Fact]
    public void Valid_options_pass() => Assert.True(new SourceOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("ReaderRoleArn", "x", "Source:ReaderRoleArn 'x' is not an IAM role ARN: expected arn:aws:iam::<account>:role/<name>")]
    [InlineData("ExternalId", "", "Source:ExternalId is missing")]
    [InlineData("Regions", "", "Source:Regions is empty")]
    [InlineData("Regions", "us-east-1,Mars", "Source:Regions contains 'Mars'")]
    [InlineData("BackfillDays", "91", "Source:BackfillDays is 91: expected 0–90")]
    [InlineData("PageSize", "51", "Source:PageSize is 51: expected 1–50")]
    public void Invalid_setting_is_named_with_its_fix(string property, string value, string expected)
    {
        var o = Valid();
        switch (property)
        {
            case "ReaderRoleArn": o.ReaderRoleArn = value; break;
            case "ExternalId": o.ExternalId = value; break;
            case "Regions": o.Regions = value; break;
            case "BackfillDays": o.BackfillDays = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "PageSize": o.PageSize = int.Parse(value, CultureInfo.InvariantCulture); break;
        }
        var result = new SourceOptionsValidator().Validate(null, o);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Web_identity_needs_broker_role_and_audience()
    {
        var o = Valid();
        o.Broker = new BrokerOptions { Mode = BrokerMode.WebIdentity };
        var failures = new SourceOptionsValidator().Validate(null, o).Failures!;
        Assert.Contains(failures, f => f.StartsWith("Source:Broker:RoleArn", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Source:Broker:Audience is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Account_is_parsed_from_the_reader_role_arn()
    {
        Assert.Equal("111122223333", RoleArn.Parse("arn:aws:iam::111122223333:role/path/Reader").AccountId);
        Assert.Equal("aws-cn", RoleArn.Parse("arn:aws-cn:iam::111122223333:role/Reader").Partition);
        Assert.Throws<FormatException>(() => RoleArn.Parse("arn:aws:iam::1111:user/x"));
    }

    [Fact]
    public void China_regions_use_the_amazonaws_com_cn_host()
    {
        Assert.Equal("https://cloudtrail.cn-north-1.amazonaws.com.cn/", CloudTrailEndpoints.ForRegion("cn-north-1").ToString());
        Assert.Equal("https://cloudtrail.eu-west-1.amazonaws.com/", CloudTrailEndpoints.ForRegion("eu-west-1").ToString());
    }
}
