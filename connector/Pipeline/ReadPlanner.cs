using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>What a partition does next, as the <see cref="ReadPlanner"/> decides it.</summary>
internal abstract record ReadAction;

/// <summary>The sweep: the final read of [<see cref="From"/>, <see cref="To"/>], seconds now SettleDelay + Overlap
/// old; afterwards the sweep floor is <see cref="To"/> (<see cref="ReadPlanner.AfterSweep"/>).</summary>
internal sealed record SweepRead(DateTimeOffset From, DateTimeOffset To) : ReadAction;

/// <summary>Read [<see cref="From"/>, <see cref="To"/>] of <see cref="Chunk"/> (a new chunk, or the rest of the one
/// a checkpoint left open); afterwards the watermark is the chunk's end (<see cref="ReadPlanner.AfterChunk"/>).
/// <see cref="Target"/>: the newest second reading may reach now (now − SettleDelay), for progress.</summary>
internal sealed record ChunkRead(Chunk Chunk, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Target) : ReadAction;

/// <summary>Caught up: nothing to read before <see cref="Until"/>; <see cref="For"/> is the wait from the planning moment
/// (now, rounded down to a whole second), at least one second.</summary>
internal sealed record WaitUntil(DateTimeOffset Until, TimeSpan For) : ReadAction;

/// <summary>
/// Plans a partition's reads: read state + now → the next action, and the state after it. Pure: no I/O and no clock of
/// its own, so each case is a plain value in and out. Every second is read once it is SettleDelay old (chunks of at most
/// ChunkSpan, a backfill first) and once more at SettleDelay + Overlap (the sweep), for CloudTrail's late deliveries;
/// range edges are whole seconds, as LookupEvents takes them, with one second of slack at every re-read edge
/// (<see cref="ReadState"/>).
/// </summary>
internal sealed class ReadPlanner(TimeSpan settle, TimeSpan overlap, TimeSpan pollInterval, TimeSpan chunkSpan, int backfillDays)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public ReadPlanner(SourceOptions options)
        : this(options.SettleDelay, options.Overlap, options.PollInterval, options.ChunkSpan, options.BackfillDays)
    {
    }

    /// <summary>Where a partition starts: from its checkpoint, or on a first run BackfillDays back (without a backfill,
    /// SettleDelay back), never further back than LookupEvents keeps history, less 5 minutes of margin.</summary>
    public ReadState Start(PartitionCheckpoint? checkpoint, DateTimeOffset now)
    {
        if (checkpoint is not null) return ReadState.FromCheckpoint(checkpoint, settle, overlap);
        now = WholeSecond(now);
        var start = WholeSecond(backfillDays > 0 ? now.AddDays(-backfillDays) : now - settle);
        var oldest = now.AddDays(-CloudTrailLimits.HistoryDays).AddMinutes(5);
        return ReadState.Initial(start < oldest ? oldest : start);
    }

    /// <summary>The next action for <paramref name="state"/> at <paramref name="now"/> (rounded down to a whole second).</summary>
    public ReadAction Next(ReadState state, DateTimeOffset now)
    {
        now = WholeSecond(now);
        var chunk = state.Chunk;
        if (chunk is null)
        {
            // Sweep when a poll interval of seconds is due, or when the sweep lags the watermark by more than the overlap.
            var sweepEnd = Min(state.Watermark, now - settle - overlap);
            if (sweepEnd - state.SweepFloor >= pollInterval || (sweepEnd > state.SweepFloor && state.Watermark - state.SweepFloor > overlap))
                return new SweepRead(state.SweepFloor - Second, sweepEnd);
            var target = now - settle;
            if (target - state.Watermark < pollInterval)
            {
                // Caught up: wake when a poll interval of new seconds has settled or the next sweep is due, at least 1 s on.
                var wake = state.Watermark + pollInterval + settle;
                var nextSweep = state.SweepFloor + pollInterval + settle + overlap;
                var wait = Min(wake, nextSweep) - now;
                if (wait < Second) wait = Second;
                return new WaitUntil(now + wait, wait);
            }
            var end = Min(state.Watermark + chunkSpan, target);
            chunk = new Chunk(state.Watermark - Second, end, null, now, end <= now - settle - overlap);
        }
        // A chunk read newest first and cut short: only what is older than its oldest delivered second is left.
        var to = chunk.DeliveredFrom is { } d ? Min(chunk.End, d + Second) : chunk.End;
        return new ChunkRead(chunk, chunk.From, to, now - settle);
    }

    /// <summary>The state after a sweep up to <paramref name="to"/>.</summary>
    public static void AfterSweep(ReadState state, DateTimeOffset to) => state.SweepFloor = to;

    /// <summary>The state after the chunk in <paramref name="state"/> was read: the watermark is its end; a chunk read
    /// late enough to be final moves the sweep floor with it when the sweep had reached its start.</summary>
    public static void AfterChunk(ReadState state)
    {
        var chunk = state.Chunk ?? throw new InvalidOperationException("No chunk is being read.");
        var oldWatermark = state.Watermark;
        state.Watermark = chunk.End;
        if (chunk.Settled && state.SweepFloor >= oldWatermark - Second) state.SweepFloor = chunk.End;
        state.Chunk = null;
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
