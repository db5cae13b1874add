using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>State of a partition as health reporting shows it (HealthTable: running, throttled, parked, failing).</summary>
public enum PartitionState { Starting, Running, Throttled, Parked, Failing, Stopped }

/// <summary>A point-in-time view of one partition. Counters are totals since the worker started. Dead letters are
/// counted where they are written (DeadLetter/DeadLetterCounter), not here.</summary>
public sealed record PartitionStatus(
    PartitionKey Partition,
    PartitionState State,
    DateTimeOffset? Watermark,
    DateTimeOffset? NewestEventTime,
    double? LagSeconds,
    long EventsDelivered,
    long Requests,
    long Throttles,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastCheckpointAt,
    DateTimeOffset? LastProgressAt);

/// <summary>Read side for /healthz and health rows: one status per partition.</summary>
public interface IPartitionStatusSource
{
    IReadOnlyList<PartitionStatus> GetAll();
}
