using System.Text;
using SentinelAwsIac.Connector.Source.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

public sealed class CloudTrailRecordFieldsTests
{
    [Fact]
    public void The_event_id_and_time_are_read_from_the_top_level_only()
    {
        var record = """{"userIdentity":{"eventID":"inner","eventTime":"1999-01-01T00:00:00Z"},"eventTime":"2026-12-07T10:05:03Z","eventID":"e-1","x":[1]}""";
        var fields = CloudTrailRecordFields.Read(Encoding.UTF8.GetBytes(record), out var failure);
        Assert.Null(failure);
        Assert.Equal("e-1", fields!.Value.EventId);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 10, 5, 3, TimeSpan.Zero), fields.Value.EventTime);
    }

    [Theory]
    [InlineData("""{"eventTime":"2026-12-07T10:05:03Z"}""", "no eventID")]
    [InlineData("""{"eventID":"e","eventTime":"yesterday"}""", "no eventTime")]
    [InlineData("""{"eventID":"e","eventTime":""", "not valid JSON")]
    [InlineData("""[1]""", "not a JSON object")]
    public void A_record_without_them_fails_with_the_reason(string record, string reason)
    {
        Assert.Null(CloudTrailRecordFields.Read(Encoding.UTF8.GetBytes(record), out var failure));
        Assert.Contains(reason, failure, StringComparison.Ordinal);
    }
}
