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
/// </list>
/// </summary>
public sealed record PartitionCheckpoint
{
    public required DateTimeOffset Watermark { get; init; }
    public DateTimeOffset? ChunkEnd { get; init; }
    public DateTimeOffset? ChunkDeliveredFrom { get; init; }
    public IReadOnlyList<SeenEvent> RecentEventIds { get; init; } = [];
    /// <summary>eventTime of the newest event delivered so far (for lag and health).</summary>
    public DateTimeOffset? NewestEventTime { get; init; }
    public long EventsDelivered { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Which worker instance wrote it (host name and process id), for the status command.</summary>
    public string? Writer { get; init; }
}

public sealed record SeenEvent(string EventId, DateTimeOffset EventTime);
