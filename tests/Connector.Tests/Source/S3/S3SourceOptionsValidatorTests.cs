using SentinelAwsIac.Connector.Source.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

public sealed class S3SourceOptionsValidatorTests
{
    private static S3SourceOptions Valid() => new() { QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/cloudtrail-logs", Region = "us-east-1" };

    [Fact]
    public void The_defaults_with_a_queue_and_a_region_are_valid() =>
        Assert.True(new S3SourceOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("QueueUrl", "S3Source:QueueUrl is 'not a url'")]
    [InlineData("Region", "S3Source:Region is not set")]
    [InlineData("Receivers", "S3Source:Receivers is 0")]
    [InlineData("WaitTimeSeconds", "S3Source:WaitTimeSeconds is 21: SQS long polling takes 0 to 20 seconds")]
    [InlineData("MaxMessages", "S3Source:MaxMessages is 11: SQS returns 1 to 10")]
    [InlineData("VisibilityTimeout", "S3Source:VisibilityTimeout is 13:00:00")]
    [InlineData("MaxReceiveCount", "S3Source:MaxReceiveCount is 0")]
    public void Each_bad_setting_is_named_with_its_fix(string setting, string message)
    {
        var o = Valid();
        switch (setting)
        {
            case "QueueUrl": o.QueueUrl = "not a url"; break;
            case "Region": o.Region = " "; break;
            case "Receivers": o.Receivers = 0; break;
            case "WaitTimeSeconds": o.WaitTimeSeconds = 21; break;
            case "MaxMessages": o.MaxMessages = 11; break;
            case "VisibilityTimeout": o.VisibilityTimeout = TimeSpan.FromHours(13); break;
            case "MaxReceiveCount": o.MaxReceiveCount = 0; break;
        }

        var result = new S3SourceOptionsValidator().Validate(null, o);
        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(message, failure, StringComparison.Ordinal);
    }
}
