namespace SentinelAwsIac.Connector.Source;

/// <summary>
/// One event as LookupEvents returns it (AWS CloudTrail API reference, Event data type). The full record is
/// <see cref="CloudTrailEventJson"/>, a JSON string; the other fields are the summary LookupEvents adds.
/// </summary>
public sealed record CloudTrailEvent(
    string EventId,
    DateTimeOffset EventTime,
    string? EventName,
    string? EventSource,
    string? Username,
    string? ReadOnly,
    string? AccessKeyId,
    string CloudTrailEventJson);
