using System.Text;
using System.Text.Json;
using SentinelAwsIac.Connector.Source;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source;

public sealed class LookupEventsJsonTests
{
    // Quotes, backslashes, a line break, control characters, non-ASCII text, a surrogate pair and U+2028:
    // Utf8JsonWriter escapes all of them in the page, so the reader must unescape them back exactly.
    private const string Record = "{\"eventID\":\"e-1\",\"eventTime\":\"2024-05-01T10:00:00Z\",\"userAgent\":\"say \\\"hi\\\"\\\\ caf\u00e9\"," +
        "\"requestParameters\":{\"policy\":\"{\\\"a\\\":1}\",\"note\":\"line\\nbreak \\u0001 \ud83d\ude00 \u2028 <&'>\"}}";

    private static byte[] Page(params Action<Utf8JsonWriter>[] events)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("Unknown", "ignored");
            w.WriteStartArray("Events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                e(w);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("NextToken", "next/+token=");
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Full(Utf8JsonWriter w, string id, string record)
    {
        w.WriteString("EventId", id);
        w.WriteString("EventName", "GetObject");
        w.WriteString("ReadOnly", "true");
        w.WriteString("AccessKeyId", "AKIAEXAMPLE");
        w.WriteNumber("EventTime", 1714557600.5);
        w.WriteString("EventSource", "s3.amazonaws.com");
        w.WriteString("Username", "alice");
        w.WriteStartArray("Resources");
        w.WriteStartObject();
        w.WriteString("ResourceType", "AWS::S3::Bucket");
        w.WriteString("ResourceName", "b");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("CloudTrailEvent", record);
    }

    [Fact]
    public void Records_are_unescaped_into_exactly_their_utf8_bytes_with_the_summary_fields()
    {
        var page = Page(w => Full(w, "e-1", Record), w => Full(w, "e-2", "{}"));

        var response = LookupEventsJson.ReadResponse(page);

        Assert.Equal("next/+token=", response.NextToken);
        Assert.Equal(2, response.Events.Count);
        var first = response.Events[0];
        Assert.Equal(Encoding.UTF8.GetBytes(Record), first.CloudTrailEventUtf8.ToArray());
        Assert.Equal(Record, first.CloudTrailEventJson);
        Assert.Equal("e-1", first.EventId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714557600500), first.EventTime);
        Assert.Equal(("GetObject", "s3.amazonaws.com", "alice", "true", "AKIAEXAMPLE"),
            (first.EventName, first.EventSource, first.Username, first.ReadOnly, first.AccessKeyId));
        Assert.Equal("{}", response.Events[1].CloudTrailEventJson);
    }

    [Fact]
    public void A_record_does_not_share_memory_with_the_page()
    {
        var page = Page(w => Full(w, "e-1", Record));
        var response = LookupEventsJson.ReadResponse(page);

        Array.Fill(page, (byte)'x'); // as when the pooled page buffer is reused for the next page
        Assert.Equal(Record, response.Events[0].CloudTrailEventJson);
    }

    [Fact]
    public void Optional_fields_of_other_kinds_are_null_and_a_missing_record_is_empty()
    {
        var page = Page(w =>
        {
            w.WriteString("EventId", "e-3");
            w.WriteString("EventTime", "2024-05-01T10:00:00Z");
            w.WriteNumber("EventName", 5);
            w.WriteNull("Username");
            w.WriteStartObject("ReadOnly");
            w.WriteEndObject();
        });

        var e = Assert.Single(LookupEventsJson.ReadResponse(page).Events);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), e.EventTime);
        Assert.Null(e.EventName);
        Assert.Null(e.Username);
        Assert.Null(e.ReadOnly);
        Assert.True(e.CloudTrailEventUtf8.IsEmpty);
    }

    [Fact]
    public void A_page_without_events_has_none_and_its_token()
    {
        var response = LookupEventsJson.ReadResponse("{\"NextToken\":\"t\"}"u8);
        Assert.Empty(response.Events);
        Assert.Equal("t", response.NextToken);
        Assert.Null(LookupEventsJson.ReadResponse("{\"Events\":[]}"u8).NextToken);
    }

    [Theory]
    [InlineData("{\"Events\":[{\"EventTime\":1}]}")]                   // no EventId
    [InlineData("{\"Events\":[{\"EventId\":null,\"EventTime\":1}]}")]  // null EventId
    [InlineData("{\"Events\":[{\"EventId\":\"e\"}]}")]                 // no EventTime
    [InlineData("{\"Events\":[{\"EventId\":\"e\",\"EventTime\":true}]}")]
    [InlineData("{\"Events\":[1]}")]
    [InlineData("[]")]
    [InlineData("{\"Events\":[]} trailing")]
    [InlineData("{\"Events\":[{\"EventId\":\"e\",\"EventTime\":1,\"CloudTrailEvent\":\"{")] // truncated page
    public void A_malformed_page_is_a_json_error(string page)
    {
        Assert.ThrowsAny<JsonException>(() => LookupEventsJson.ReadResponse(Encoding.UTF8.GetBytes(page)));
    }
}
