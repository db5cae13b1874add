using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

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
