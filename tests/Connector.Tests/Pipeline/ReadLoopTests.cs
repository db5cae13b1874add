using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>The read loop follows the planner on the clock: reads, commits, then waits exactly the planned wait.</summary>
public sealed class ReadLoopTests
{
    private static readonly PartitionKey Partition = new("123456789012", "eu-west-1");
    private static readonly DateTimeOffset T = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every call an empty page; counts them.</summary>
    private sealed class EmptyPages : ILookupEventsClient
    {
        public int Calls;
        public Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(new LookupEventsResponse());
        }
    }

    [Fact]
    public async Task Caught_up_it_commits_its_position_and_waits_the_planned_wait()
    {
        var time = new WatchedTime(T);
        var options = new SourceOptions
        {
            ReaderRoleArn = "arn:aws:iam::123456789012:role/r", ExternalId = "x", Regions = Partition.Region,
            RequestsPerSecond = 1_000_000, // no rate-gate waits: the only timer is the planner's wait
        };
        var tracker = new PartitionStatusRegistry(time).For(Partition);
        var store = new MemoryCheckpointStore();
        var committer = new CheckpointCommitter(store, Partition, null, tracker, NullLogger.Instance, time);
        var planner = new ReadPlanner(options);
        var client = new EmptyPages();
        var pages = new PageReader(Partition, client, new IdMapper(), new RecordingSink(), new MemoryDeadLetters(), options, tracker, NullLogger.Instance, time, "test");
        var loop = new ReadLoop(Partition, planner, pages, tracker, NullLogger.Instance, time, options.ProgressInterval, "test");
        // 10 s of new seconds past the watermark: one chunk read, then caught up.
        var state = ReadState.Initial(T - options.SettleDelay - TimeSpan.FromSeconds(30));
        state.SweepFloor = T - options.SettleDelay - options.Overlap;
        using var stop = new CancellationTokenSource();

        var running = loop.RunAsync(state, committer, stop.Token);
        var wait = await time.NextTimerAsync();

        var expected = Assert.IsType<WaitUntil>(planner.Next(state, time.GetUtcNow()));
        Assert.Equal(expected.For, wait);
        Assert.Equal(1, client.Calls);
        Assert.Equal(T - options.SettleDelay, state.Watermark);
        Assert.Equal(PartitionState.Running, tracker.Snapshot().State);
        Assert.Equal(2, committer.Pending); // the page and the position after the chunk
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
