using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>How a run ends: rows already sent reach their checkpoint; timeouts on the worker's clock.</summary>
public sealed class ShutdownDrainTests
{
    private static readonly PartitionKey Partition = new("123456789012", "eu-west-1");
    private static readonly DateTimeOffset T = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static PartitionCheckpoint At(int minutes) => new() { Watermark = T.AddMinutes(minutes) };

    /// <summary>A sink whose flush completes only when the test says, or when its token fires.</summary>
    private sealed class HeldFlushSink : ISink
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Flushes;
        public ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public Task FlushAsync(CancellationToken cancellationToken) { Interlocked.Increment(ref Flushes); return Release.Task.WaitAsync(cancellationToken); }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed record Run(WatchedTime Time, MemoryCheckpointStore Store, CheckpointCommitter Committer, CancellationTokenSource Stop, Task Writer);

    private static Run Start(CancellationToken cancellationToken)
    {
        var time = new WatchedTime(T);
        var store = new MemoryCheckpointStore();
        var committer = new CheckpointCommitter(store, Partition, null, new PartitionStatusRegistry(time).For(Partition), NullLogger.Instance, time);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new Run(time, store, committer, stop, committer.RunAsync(stop.Token));
    }

    [Fact]
    public async Task At_shutdown_the_sink_is_flushed_and_every_delivered_page_committed_but_not_the_open_one()
    {
        using var shutdown = new CancellationTokenSource();
        var run = Start(shutdown.Token);
        var sink = new HeldFlushSink();
        var delivered = run.Committer.Begin();
        var ack = delivered.Ack();
        delivered.Seal(At(-10));
        var open = run.Committer.Begin(); // cut off mid-read: never sealed
        _ = open.Ack();

        await shutdown.CancelAsync();
        var ending = new ShutdownDrain(Partition, sink, NullLogger.Instance, run.Time).EndAsync(run.Committer, run.Writer, run.Stop, shutdown.Token);
        Assert.Equal(PartitionRunner.ShutdownDrainTimeout, await run.Time.NextTimerAsync()); // the drain's limit, on the clock
        ack.Delivered();   // the flush delivers the rows the sink held
        sink.Release.SetResult();
        await ending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, sink.Flushes);
        var stored = await run.Store.ReadAsync(Partition, CancellationToken.None);
        Assert.Equal(T.AddMinutes(-10), stored!.Checkpoint.Watermark);
        Assert.Equal(1, run.Committer.Pending); // the open page stays for the next run to read again
    }

    [Fact]
    public async Task At_shutdown_a_flush_that_does_not_end_is_given_up_after_ShutdownDrainTimeout_on_the_clock()
    {
        using var shutdown = new CancellationTokenSource();
        var run = Start(shutdown.Token);
        var log = new CapturingLogger<PartitionRunner>();
        await shutdown.CancelAsync();

        var ending = new ShutdownDrain(Partition, new HeldFlushSink(), log, run.Time).EndAsync(run.Committer, run.Writer, run.Stop, shutdown.Token);
        var limit = await run.Time.NextTimerAsync();
        Assert.False(ending.IsCompleted);
        run.Time.Advance(limit);
        await ending.WaitAsync(TimeSpan.FromSeconds(30));

        var warning = Assert.Single(log.AtLeast(LogLevel.Warning));
        Assert.Contains("the next run re-reads from the last checkpoint", warning.Message);
    }

    [Fact]
    public async Task After_a_failure_the_rows_already_sent_are_committed_before_the_run_ends()
    {
        var run = Start(CancellationToken.None);
        var page = run.Committer.Begin();
        var ack = page.Ack();
        page.Seal(At(-3));

        var ending = new ShutdownDrain(Partition, new HeldFlushSink(), NullLogger.Instance, run.Time).EndAsync(run.Committer, run.Writer, run.Stop, CancellationToken.None);
        Assert.Equal(ShutdownDrain.AfterFailureTimeout, await run.Time.NextTimerAsync());
        Assert.False(ending.IsCompleted);
        ack.Delivered();
        await ending.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(T.AddMinutes(-3), (await run.Store.ReadAsync(Partition, CancellationToken.None))!.Checkpoint.Watermark);
        Assert.Equal(0, run.Committer.Pending);
        Assert.True(run.Writer.IsCompleted);
    }
}
