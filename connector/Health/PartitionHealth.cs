using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

/// <summary>
/// The State column's values: aliases of <see cref="HealthTable.States"/>, the one definition shared with the alert
/// rules' KQL. Kept for callers outside connector/Health; new code uses <see cref="HealthTable.States"/>.
/// </summary>
public static class HealthStates
{
    public const string Running = HealthTable.States.Running;
    public const string Throttled = HealthTable.States.Throttled;
    public const string Parked = HealthTable.States.Parked;
    public const string Failing = HealthTable.States.Failing;
}

/// <summary>One partition's health over one interval (a health row) or at one moment (/healthz).</summary>
/// <param name="State">One of <see cref="HealthTable.States"/>.</param>
/// <param name="Stalled">Not parked, and not advanced for Health:StallAfter.</param>
/// <param name="LagSeconds">Seconds between now and the partition's checkpoint watermark (null before the first checkpoint).</param>
/// <param name="Events">Events delivered in the interval.</param>
/// <param name="DeadLetters">Records of the partition dead-lettered in the interval (map and sink).</param>
/// <param name="Throttles">ThrottlingException answers in the interval.</param>
public sealed record PartitionHealth(
    PartitionKey Partition, string State, bool Stalled, DateTimeOffset? NewestEventTime, double? LagSeconds,
    long Events, long DeadLetters, long Throttles, string? LastError, DateTimeOffset? LastProgressAt);
