using System.Text;
using System.Text.Json;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Contracts;
using Xunit;
using static SentinelAwsIac.Connector.Tests.Map.CloudTrailSamples;

namespace SentinelAwsIac.Connector.Tests.Map;

/// <summary>Values over <see cref="IngestionLimits.MaxFieldBytes"/> UTF-8 bytes are cut by us, marked, and the row kept.</summary>
public sealed class FieldTruncationTests
{
    private readonly CloudTrailRecordMapper _mapper = new();

    private static string Record(string extraFields) =>
        $$"""{"eventID":"id-1","eventTime":"2024-01-01T00:00:00Z",{{extraFields}},"awsRegion":"us-east-1"}""";

    [Fact]
    public void Request_parameters_over_64_KB_of_multibyte_text_are_cut_at_a_utf8_boundary_and_marked()
    {
        // "€" is 3 UTF-8 bytes, so the cut point falls inside a character unless the mapper backs off.
        var payload = string.Concat(Enumerable.Repeat("a€", 30_000)); // 120 000 UTF-8 bytes
        var raw = $$"""{"policy":"{{payload}}"}""";
        var result = _mapper.Map(Event(Record($"\"requestParameters\":{raw}")));

        Assert.True(result.IsSuccess, result.FailureReason);
        Assert.True(result.Truncated);
        var row = JsonDocument.Parse(result.Row!).RootElement;
        var value = row.GetProperty("RequestParameters").GetString()!;
        var bytes = Encoding.UTF8.GetByteCount(value);
        Assert.InRange(bytes, IngestionLimits.MaxFieldBytes - 4, IngestionLimits.MaxFieldBytes);
        var originalBytes = Encoding.UTF8.GetByteCount(raw);
        var marker = $"…[truncated by connector: {originalBytes} bytes]";
        Assert.EndsWith(marker, value);
        var kept = value[..^marker.Length];
        Assert.StartsWith(kept, raw, StringComparison.Ordinal); // an exact prefix: no replacement character
        Assert.DoesNotContain('\uFFFD', value);
        Assert.Equal("us-east-1", row.GetProperty("AWSRegion").GetString()); // the rest of the event is kept
    }

    [Fact]
    public void A_long_string_field_is_truncated_too()
    {
        var message = new string('x', IngestionLimits.MaxFieldBytes + 1);
        var result = _mapper.Map(Event(Record($"\"errorMessage\":\"{message}\"")));

        Assert.True(result.Truncated);
        var value = JsonDocument.Parse(result.Row!).RootElement.GetProperty("ErrorMessage").GetString()!;
        Assert.Equal(IngestionLimits.MaxFieldBytes, Encoding.UTF8.GetByteCount(value));
        Assert.EndsWith($"[truncated by connector: {IngestionLimits.MaxFieldBytes + 1} bytes]", value);
    }

    [Fact]
    public void A_value_of_exactly_64_KB_is_kept_whole()
    {
        var message = new string('x', IngestionLimits.MaxFieldBytes);
        var result = _mapper.Map(Event(Record($"\"errorMessage\":\"{message}\"")));

        Assert.False(result.Truncated);
        Assert.Equal(message, JsonDocument.Parse(result.Row!).RootElement.GetProperty("ErrorMessage").GetString());
    }

    [Fact]
    public void The_limit_is_counted_in_unescaped_utf8_bytes_not_in_escaped_json()
    {
        // 40 000 quotes are 80 000 bytes of escaped JSON but 40 000 bytes of value: under the limit.
        var quotes = string.Concat(Enumerable.Repeat("\\\"", 40_000));
        var result = _mapper.Map(Event(Record($"\"userAgent\":\"{quotes}\"")));

        Assert.False(result.Truncated);
        Assert.Equal(new string('"', 40_000), JsonDocument.Parse(result.Row!).RootElement.GetProperty("UserAgent").GetString());
    }

    [Fact]
    public void A_row_without_long_values_is_not_marked_truncated()
    {
        Assert.False(_mapper.Map(Event(IamUser)).Truncated);
    }
}
