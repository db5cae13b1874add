namespace SentinelAwsIac.Emulators.CloudTrail;

/// <summary>One event in the emulated event history; <see cref="VisibleAt"/> makes it appear late.</summary>
public sealed record EmulatedEvent(string EventId, DateTimeOffset EventTime, string EventName, string EventSource, string? Username,
    string ReadOnly, string? AccessKeyId, IReadOnlyList<(string Type, string Name)> Resources, string CloudTrailEventJson)
{
    /// <summary>Wall-clock time from which LookupEvents returns it (null: at once).</summary>
    public DateTimeOffset? VisibleAt { get; init; }
}
