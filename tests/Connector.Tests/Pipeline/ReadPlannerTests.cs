using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>The read planner case by case: plain read states and a given now in, the next action out.</summary>
public sealed class ReadPlannerTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2), Overlap = TimeSpan.FromMinutes(10), Poll = TimeSpan.FromSeconds(15),
        ChunkSpan = TimeSpan.FromHours(1);

    private static ReadPlanner Planner(int backfillDays = 7) => new(Settle, Overlap, Poll, ChunkSpan, backfillDays);

    private static ReadState State(DateTimeOffset watermark, DateTimeOffset sweepFloor, Chunk? chunk = null) =>
        new() { Watermark = watermark, SweepFloor = sweepFloor, Chunk = chunk };

    [Fact]
    public void A_first_run_starts_BackfillDays_back_on_a_whole_second()
    {
        var state = Planner(7).Start(null, T + TimeSpan.FromMilliseconds(900));
        Assert.Equal((T.AddDays(-7), T.AddDays(-7), (Chunk?)null), (state.Watermark, state.SweepFloor, state.Chunk));
    }

    [Fact]
    public void A_first_run_without_backfill_starts_SettleDelay_back()
    {
        var state = Planner(0).Start(null, T);
        Assert.Equal(T - Settle, state.Watermark);
    }

    [Fact]
    public void A_first_run_never_starts_before_the_history_LookupEvents_keeps_less_5_minutes()
    {
        var state = Planner(90).Start(null, T);
        Assert.Equal(T.AddDays(-CloudTrailLimits.HistoryDays).AddMinutes(5), state.Watermark);
    }

    [Fact]
    public void A_checkpoint_is_resumed_with_its_open_chunk()
    {
        var checkpoint = new PartitionCheckpoint
        {
            Watermark = T.AddHours(-5), ChunkEnd = T.AddHours(-4), ChunkDeliveredFrom = T.AddHours(-4.5), SweepFloor = T.AddHours(-5),
            ChunkPlannedAt = T.AddHours(-3),
        };
        var state = Planner().Start(checkpoint, T);
        Assert.Equal(T.AddHours(-5), state.Watermark);
        Assert.Equal(new Chunk(T.AddHours(-5) - S, T.AddHours(-4), T.AddHours(-4.5), T.AddHours(-3), Settled: true), state.Chunk);
    }

    [Fact]
    public void Far_behind_it_reads_a_settled_chunk_of_ChunkSpan()
    {
        var state = State(T.AddDays(-7), T.AddDays(-7));
        var action = Planner().Next(state, T);
        var chunk = new Chunk(T.AddDays(-7) - S, T.AddDays(-7) + ChunkSpan, null, T, Settled: true);
        Assert.Equal(new ChunkRead(chunk, chunk.From, chunk.End, T - Settle), action);
    }

    [Fact]
    public void Near_the_head_the_chunk_ends_at_now_less_SettleDelay_and_is_not_final()
    {
        var state = State(T - Settle - TimeSpan.FromMinutes(5), T - Settle - Overlap);
        var action = Assert.IsType<ChunkRead>(Planner().Next(state, T));
        Assert.Equal((T - Settle - TimeSpan.FromMinutes(5) - S, T - Settle, false), (action.From, action.To, action.Chunk.Settled));
    }

    [Fact]
    public void A_chunk_cut_short_is_read_again_only_below_its_oldest_delivered_second()
    {
        var chunk = new Chunk(T.AddHours(-5) - S, T.AddHours(-4), T.AddHours(-4.5), T.AddHours(-3), Settled: true);
        var state = State(T.AddHours(-5), T.AddHours(-5), chunk);
        Assert.Equal(new ChunkRead(chunk, chunk.From, T.AddHours(-4.5) + S, T - Settle), Planner().Next(state, T));
    }

    [Fact]
    public void Caught_up_it_waits_for_a_poll_interval_of_settled_seconds()
    {
        // Watermark 10 s short of now − SettleDelay: less than a poll interval to read. The sweep is 5 s short of its turn.
        var state = State(T - Settle - 10 * S, T - Settle - Overlap - 5 * S);
        // The next poll: watermark + PollInterval + SettleDelay = T + 5 s; the next sweep T + 10 s.
        Assert.Equal(new WaitUntil(T + 5 * S, 5 * S), Planner().Next(state, T));
        // The fraction of now's second is dropped: the same plan.
        Assert.Equal(new WaitUntil(T + 5 * S, 5 * S), Planner().Next(state, T + TimeSpan.FromMilliseconds(999)));
    }

    [Fact]
    public void A_checkpoint_of_fractional_seconds_still_waits_at_least_one_second()
    {
        var state = State(T - Settle - Poll + TimeSpan.FromMilliseconds(300), T - Settle - Overlap);
        Assert.Equal(new WaitUntil(T + S, S), Planner().Next(state, T));
    }

    [Fact]
    public void The_sweep_reads_a_poll_interval_of_seconds_once_they_are_SettleDelay_plus_Overlap_old()
    {
        var floor = T - Settle - Overlap - 20 * S;
        var state = State(T - Settle - 5 * S, floor);
        Assert.Equal(new SweepRead(floor - S, T - Settle - Overlap), Planner().Next(state, T));
    }

    [Fact]
    public void The_sweep_also_runs_short_of_a_poll_interval_when_it_lags_the_watermark_by_more_than_the_overlap()
    {
        var floor = T - Settle - Overlap - 10 * S;
        var state = State(T - Settle - 5 * S, floor); // watermark − floor = Overlap + 5 s
        Assert.Equal(new SweepRead(floor - S, T - Settle - Overlap), Planner().Next(state, T));
    }

    [Fact]
    public void The_sweep_never_passes_the_watermark()
    {
        var state = State(T.AddHours(-3), T.AddHours(-3) - TimeSpan.FromMinutes(30));
        Assert.Equal(new SweepRead(T.AddHours(-3) - TimeSpan.FromMinutes(30) - S, T.AddHours(-3)), Planner().Next(state, T));
    }

    [Fact]
    public void Planning_changes_nothing_in_the_state()
    {
        var state = State(T.AddDays(-1), T.AddDays(-1));
        var first = Planner().Next(state, T);
        Assert.Equal((T.AddDays(-1), T.AddDays(-1), (Chunk?)null), (state.Watermark, state.SweepFloor, state.Chunk));
        Assert.Equal(first, Planner().Next(state, T));
    }

    [Fact]
    public void After_a_settled_chunk_the_sweep_floor_moves_with_the_watermark_and_after_an_unsettled_one_it_stays()
    {
        var settled = State(T.AddHours(-5), T.AddHours(-5), new Chunk(T.AddHours(-5) - S, T.AddHours(-4), T.AddHours(-4.2), T, Settled: true));
        ReadPlanner.AfterChunk(settled);
        Assert.Equal((T.AddHours(-4), T.AddHours(-4), (Chunk?)null), (settled.Watermark, settled.SweepFloor, settled.Chunk));

        var fresh = State(T - TimeSpan.FromMinutes(7), T - TimeSpan.FromMinutes(20), new Chunk(T - TimeSpan.FromMinutes(7) - S, T - Settle, null, T, Settled: false));
        ReadPlanner.AfterChunk(fresh);
        Assert.Equal((T - Settle, T - TimeSpan.FromMinutes(20)), (fresh.Watermark, fresh.SweepFloor));

        var sweep = State(T - Settle, T - TimeSpan.FromMinutes(20));
        ReadPlanner.AfterSweep(sweep, T - Settle - Overlap);
        Assert.Equal(T - Settle - Overlap, sweep.SweepFloor);
    }

    /// <summary>The plan followed on a fake clock from a 1-day backfill to 40 minutes past the head: every second reaches
    /// a final read (a settled chunk or the sweep), the fresh reads tile time without gaps, and nothing is read before it
    /// is SettleDelay old.</summary>
    [Fact]
    public void Followed_on_a_fake_clock_every_second_gets_a_fresh_read_and_a_final_read()
    {
        var time = new FakeTimeProvider(T);
        var planner = Planner(backfillDays: 1);
        var state = planner.Start(null, time.GetUtcNow());
        var start = state.Watermark;
        var fresh = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var final = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var end = T + TimeSpan.FromMinutes(40);
        while (time.GetUtcNow() < end)
        {
            var now = time.GetUtcNow();
            switch (planner.Next(state, now))
            {
                case ChunkRead read:
                    Assert.True(read.To <= now - Settle, $"read up to {read.To:o} at {now:o}, before it settled");
                    state.Chunk = read.Chunk;
                    fresh.Add((read.From, read.To));
                    if (read.Chunk.Settled) final.Add((read.From, read.To));
                    ReadPlanner.AfterChunk(state);
                    time.Advance(TimeSpan.FromSeconds(3)); // a chunk's pages take time
                    break;
                case SweepRead sweep:
                    Assert.True(sweep.To <= now - Settle - Overlap);
                    final.Add((sweep.From, sweep.To));
                    ReadPlanner.AfterSweep(state, sweep.To);
                    time.Advance(S);
                    break;
                case WaitUntil wait:
                    Assert.True(wait.For >= S);
                    time.Advance(wait.For);
                    break;
            }
        }

        // Each fresh read starts 1 s before the end of the one before (the slack at edges), from the start.
        Assert.Equal(start - S, fresh[0].From);
        for (var i = 1; i < fresh.Count; i++) Assert.Equal(fresh[i - 1].To - S, fresh[i].From);
        // Every second from the start to SettleDelay + Overlap ago had a final read.
        var covered = final.OrderBy(r => r.From).ToList();
        var reached = start;
        foreach (var (from, to) in covered)
        {
            Assert.True(from <= reached, $"no final read of [{reached:o}, {from:o})");
            if (to > reached) reached = to;
        }
        Assert.True(reached >= end - Settle - Overlap - Poll - S, $"final reads reached only {reached:o}");
    }
}
