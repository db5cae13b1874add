namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// A partition's progress. LookupEvents returns newest first, so the reader works through time in chunks,
/// oldest chunk first, and within a chunk from its end down to its start:
/// <list type="bullet">
/// <item><see cref="Watermark"/>: every event with eventTime before it has been delivered.</item>
/// <item><see cref="ChunkEnd"/>/<see cref="ChunkDeliveredFrom"/>: in the chunk [Watermark, ChunkEnd), events in
/// [ChunkDeliveredFrom, ChunkEnd) have been delivered too (null when no chunk is under way).</item>
/// <item><see cref="RecentEventIds"/>: IDs of delivered events near the chunk edges and in the overlap
/// window, so a re-read never writes one twice.</item>
/// <item><see cref="SweepFloor"/>: every second before it has had its final (sweep) read.</item>
/// <item><see cref="ChunkPlannedAt"/>: when the chunk under way was planned (decides whether it was read settled).</item>
/// </list>
/// </summary>
public sealed record PartitionCheckpoint
{
    public required DateTimeOffset Watermark { get; init; }
    public DateTimeOffset? ChunkEnd { get; init; }
    public DateTimeOffset? ChunkDeliveredFrom { get; init; }
    /// <summary>Every second before it has had its final read (the sweep, SettleDelay + Overlap after it). Null in
    /// checkpoints written before the field existed: the reader then sweeps the whole overlap again.</summary>
    public DateTimeOffset? SweepFloor { get; init; }
    /// <summary>When the chunk under way (<see cref="ChunkEnd"/>) was planned; null when no chunk is under way.</summary>
    public DateTimeOffset? ChunkPlannedAt { get; init; }
    public IReadOnlyList<SeenEvent> RecentEventIds { get; init; } = [];
    /// <summary>eventTime of the newest event delivered so far (for lag and health).</summary>
    public DateTimeOffset? NewestEventTime { get; init; }
    public long EventsDelivered { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Which worker instance wrote it (host name and process id), for the status command.</summary>
    public string? Writer { get; init; }
}

public sealed record SeenEvent(string EventId, DateTimeOffset EventTime);
