using System.Text;

namespace SentinelAwsIac.Connector.Source;

/// <summary>
/// One event as LookupEvents returns it (AWS CloudTrail API reference, Event data type). The full record is
/// <see cref="CloudTrailEventUtf8"/>: the JSON string <c>CloudTrailEvent</c>, unescaped once into UTF-8 bytes, which is
/// what the mapper reads (no .NET string per record). The other fields are the summary LookupEvents adds.
/// The bytes belong to this event (never pooled memory), so an event may be kept as long as needed.
/// </summary>
public sealed record CloudTrailEvent(
    string EventId,
    DateTimeOffset EventTime,
    string? EventName,
    string? EventSource,
    string? Username,
    string? ReadOnly,
    string? AccessKeyId,
    ReadOnlyMemory<byte> CloudTrailEventUtf8)
{
    /// <summary>An event whose record is given as text (tests, tools); it is stored as UTF-8.</summary>
    public CloudTrailEvent(string EventId, DateTimeOffset EventTime, string? EventName, string? EventSource, string? Username,
        string? ReadOnly, string? AccessKeyId, string CloudTrailEventJson)
        : this(EventId, EventTime, EventName, EventSource, Username, ReadOnly, AccessKeyId,
            Encoding.UTF8.GetBytes(CloudTrailEventJson ?? throw new ArgumentNullException(nameof(CloudTrailEventJson))))
    {
    }

    /// <summary>The record as text, decoded from <see cref="CloudTrailEventUtf8"/> on each call: for the rare paths that
    /// need a string (dead letters, diagnostics), not for mapping.</summary>
    public string CloudTrailEventJson => Encoding.UTF8.GetString(CloudTrailEventUtf8.Span);
}
