using SentinelAwsIac.Connector.Checkpoints;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>A chunk [From, End] read newest first; events in [DeliveredFrom, End] are already read.</summary>
internal sealed record Chunk(DateTimeOffset From, DateTimeOffset End, DateTimeOffset? DeliveredFrom, DateTimeOffset PlannedAt, bool Settled);

/// <summary>
/// The reader's position in a partition, and its conversion to and from <see cref="PartitionCheckpoint"/>.
/// Every second is read when it is SettleDelay old (fresh read) and, unless that read already happened at least
/// SettleDelay + Overlap after it, once more at that age (the sweep). <see cref="SweepFloor"/>: every second before
/// it has had its final read. Seen event IDs are kept exactly where a later read can meet them again: the sweep
/// range [SweepFloor − 1 s, Watermark + 1 s], an unsettled chunk, and 1–2 s around chunk edges (LookupEvents takes
/// whole seconds and its edges may be inclusive or exclusive, so every re-read edge has one second of slack).
/// The sweep floor and the chunk's planning time are the checkpoint's <see cref="PartitionCheckpoint.SweepFloor"/> and
/// <see cref="PartitionCheckpoint.ChunkPlannedAt"/>. Checkpoints of earlier versions carried them as marker entries in
/// RecentEventIds (IDs starting with '~', which CloudTrail's UUID event IDs never do); those are still read.
/// </summary>
internal sealed class ReadState
{
    /// <summary>Legacy marker entries of RecentEventIds (read, never written).</summary>
    public const string SweepFloorMarker = "~sweep-floor";
    public const string ChunkPlannedMarker = "~chunk-planned";
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public DateTimeOffset Watermark;
    public DateTimeOffset SweepFloor;
    public Chunk? Chunk;
    public DateTimeOffset? NewestEventTime;
    public long EventsDelivered;
    public readonly Dictionary<string, DateTimeOffset> Seen = new(StringComparer.Ordinal);

    public static ReadState Initial(DateTimeOffset watermark) => new() { Watermark = watermark, SweepFloor = watermark };

    public static ReadState FromCheckpoint(PartitionCheckpoint c, TimeSpan settle, TimeSpan overlap)
    {
        var s = new ReadState { Watermark = c.Watermark, NewestEventTime = c.NewestEventTime, EventsDelivered = c.EventsDelivered };
        DateTimeOffset? floor = c.SweepFloor, planned = c.ChunkPlannedAt;
        foreach (var e in c.RecentEventIds)
        {
            if (e.EventId == SweepFloorMarker) floor ??= e.EventTime;
            else if (e.EventId == ChunkPlannedMarker) planned ??= e.EventTime;
            else s.Seen[e.EventId] = e.EventTime;
        }
        // Without a sweep floor (a checkpoint from elsewhere), sweep the whole overlap again.
        s.SweepFloor = floor ?? c.Watermark - overlap;
        if (c.ChunkEnd is { } end)
        {
            var plannedAt = planned ?? DateTimeOffset.MinValue;
            s.Chunk = new Chunk(c.Watermark - Second, end, c.ChunkDeliveredFrom, plannedAt,
                planned is not null && end <= plannedAt - settle - overlap);
        }
        return s;
    }

    public bool Keep(DateTimeOffset t)
    {
        if (t >= SweepFloor - 2 * Second && t <= Watermark + Second) return true; // 2 s: an edge may have been rounded down to a whole second
        if (Chunk is not { } c || t < c.From) return false;
        if (!c.Settled || t >= c.End - Second) return true;
        return c.DeliveredFrom is { } d && t <= d + 2 * Second;
    }

    /// <summary>Drops seen IDs that no later read can meet, and returns the checkpoint of this state.</summary>
    public PartitionCheckpoint Snapshot(DateTimeOffset now, string writer)
    {
        var recent = new List<SeenEvent>(Seen.Count);
        List<string>? drop = null;
        foreach (var (id, t) in Seen)
        {
            if (Keep(t)) recent.Add(new SeenEvent(id, t));
            else (drop ??= []).Add(id);
        }
        if (drop is not null) foreach (var id in drop) Seen.Remove(id);
        return new PartitionCheckpoint
        {
            Watermark = Watermark,
            ChunkEnd = Chunk?.End,
            ChunkDeliveredFrom = Chunk?.DeliveredFrom,
            SweepFloor = SweepFloor,
            ChunkPlannedAt = Chunk?.PlannedAt,
            RecentEventIds = recent,
            NewestEventTime = NewestEventTime,
            EventsDelivered = EventsDelivered,
            UpdatedAt = now,
            Writer = writer,
        };
    }
}
