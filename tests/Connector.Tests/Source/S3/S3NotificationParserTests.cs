using System.Text.Json;
using SentinelAwsIac.Connector.Source.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

public sealed class S3NotificationParserTests
{
    private static string S3Event(string eventName, string key, string version = "2.1", string bucket = "trail-bucket") => JsonSerializer.Serialize(new
    {
        Records = new[]
        {
            new
            {
                eventVersion = version, eventSource = "aws:s3", awsRegion = "us-east-1", eventName,
                s3 = new { bucket = new { name = bucket, arn = "arn:aws:s3:::" + bucket }, @object = new { key, size = 1234L, eTag = "e" } },
            },
        },
    });

    [Fact]
    public void An_object_created_record_names_the_bucket_the_decoded_key_and_the_size()
    {
        var n = S3NotificationParser.Parse(S3Event("ObjectCreated:Put", "AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/07/my+file%3D1.json.gz"));
        Assert.Equal(S3NotificationKind.Objects, n.Kind);
        var o = Assert.Single(n.Objects);
        Assert.Equal("trail-bucket", o.Bucket);
        Assert.Equal("AWSLogs/123456789012/CloudTrail/us-east-1/2026/12/07/my file=1.json.gz", o.Key);
        Assert.Equal(1234, o.Size);
    }

    [Fact]
    public void An_sns_wrapped_notification_is_unwrapped_once()
    {
        var sns = JsonSerializer.Serialize(new { Type = "Notification", TopicArn = "arn:aws:sns:us-east-1:123456789012:t", Message = S3Event("ObjectCreated:CompleteMultipartUpload", "a/b.json.gz") });
        var n = S3NotificationParser.Parse(sns);
        Assert.Equal(S3NotificationKind.Objects, n.Kind);
        Assert.Equal("a/b.json.gz", Assert.Single(n.Objects).Key);
    }

    [Fact]
    public void The_test_event_is_recognized_direct_and_through_sns()
    {
        var test = """{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-07T10:00:00.000Z","Bucket":"trail-bucket","RequestId":"r","HostId":"h"}""";
        Assert.Equal(S3NotificationKind.TestEvent, S3NotificationParser.Parse(test).Kind);
        Assert.Equal(S3NotificationKind.TestEvent, S3NotificationParser.Parse(JsonSerializer.Serialize(new { Type = "Notification", Message = test })).Kind);
    }

    [Fact]
    public void Records_other_than_object_created_announce_nothing()
    {
        var n = S3NotificationParser.Parse(S3Event("ObjectRemoved:Delete", "a/b.json.gz"));
        Assert.Equal(S3NotificationKind.Objects, n.Kind);
        Assert.Empty(n.Objects);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1,2]", "not an object")]
    [InlineData("""{"hello":"world"}""", "no Records array")]
    [InlineData("""{"Records":[{"eventSource":"aws:sqs","eventVersion":"2.1"}]}""", "not aws:s3")]
    [InlineData("""{"Records":[{"eventSource":"aws:s3","eventVersion":"3.0","eventName":"ObjectCreated:Put"}]}""", "not 2.x")]
    [InlineData("""{"Records":[{"eventSource":"aws:s3","eventVersion":"2.2","eventName":"ObjectCreated:Put","s3":{}}]}""", "lacks s3.bucket.name")]
    [InlineData("""{"Type":"Notification","Message":"{oops"}""", "SNS notification's Message is not JSON")]
    public void Anything_else_is_unrecognized_with_the_reason(string body, string reason)
    {
        var n = S3NotificationParser.Parse(body);
        Assert.Equal(S3NotificationKind.Unrecognized, n.Kind);
        Assert.Contains(reason, n.Reason, StringComparison.Ordinal);
        Assert.Empty(n.Objects);
    }
}
