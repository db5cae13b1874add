using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

/// <summary>The batcher alone: rows in, batches out, on a fake clock; no HTTP.</summary>
public sealed class BatcherTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private sealed class Recorder
    {
        public List<(DateTimeOffset At, string[] Rows)> Batches { get; } = [];
        public List<(string Row, string Reason)> Rejected { get; } = [];
        public List<TaskCompletionSource> Flushes { get; } = [];
        public TaskCompletionSource FirstBatch { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static (Batcher Batcher, Channel<BatcherItem> Input, Recorder Seen) Create(FakeTimeProvider time, long maxBatchBytes = 1000)
    {
        var input = Channel.CreateUnbounded<BatcherItem>();
        var seen = new Recorder();
        var batcher = new Batcher(input.Reader, maxBatchBytes, Interval, time,
            (batch, _) =>
            {
                lock (seen) seen.Batches.Add((time.GetUtcNow(), batch.Select(r => System.Text.Encoding.UTF8.GetString(r.Row)).ToArray()));
                seen.FirstBatch.TrySetResult();
                return Task.CompletedTask;
            },
            (record, reason, _) => { lock (seen) seen.Rejected.Add((System.Text.Encoding.UTF8.GetString(record.Row), reason)); return Task.CompletedTask; },
            flush => { lock (seen) seen.Flushes.Add(flush); });
        return (batcher, input, seen);
    }

    private static BatcherItem Row(string text) =>
        new(new SinkRecord(new PartitionKey("123456789012", "eu-west-1"), System.Text.Encoding.UTF8.GetBytes(text), new RecordingAck()), null);

    private static BatcherItem Flush(out TaskCompletionSource done)
    {
        done = new TaskCompletionSource();
        return new BatcherItem(default, done);
    }

    [Fact]
    public async Task A_batch_is_cut_when_the_next_row_would_pass_the_byte_cap_counting_brackets_and_commas()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        // Rows of 10 bytes: [a,b] is 2 + 10 + 1 + 10 = 23 bytes, a third row would make 34.
        var (batcher, input, seen) = Create(time, maxBatchBytes: 23);
        foreach (var r in new[] { "row-000001", "row-000002", "row-000003", "row-000004", "row-000005" }) input.Writer.TryWrite(Row(r));
        input.Writer.TryWrite(Flush(out var flush));
        input.Writer.TryComplete();

        await batcher.RunAsync(CancellationToken.None);

        Assert.Equal(new[] { new[] { "row-000001", "row-000002" }, new[] { "row-000003", "row-000004" }, new[] { "row-000005" } }, seen.Batches.Select(b => b.Rows));
        Assert.Same(flush, Assert.Single(seen.Flushes));
        Assert.Empty(seen.Rejected);
    }

    [Fact]
    public async Task A_lone_row_leaves_when_the_flush_interval_has_passed_on_the_clock_and_not_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var (batcher, input, seen) = Create(time);
        input.Writer.TryWrite(Row("lone"));
        using var stop = new CancellationTokenSource();
        // Run synchronously up to its first wait: the row is taken and the interval's timer set before this returns.
        var run = batcher.RunAsync(stop.Token);

        time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.Empty(seen.Batches);
        time.Advance(TimeSpan.FromTicks(1));
        await seen.FirstBatch.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var batch = Assert.Single(seen.Batches);
        Assert.Equal(new[] { "lone" }, batch.Rows);
        Assert.Equal(start + Interval, batch.At);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task A_flush_sends_the_partial_batch_first_and_a_flush_with_nothing_batched_sends_nothing()
    {
        var time = new FakeTimeProvider();
        var (batcher, input, seen) = Create(time);
        input.Writer.TryWrite(Flush(out var empty));
        input.Writer.TryWrite(Row("a"));
        input.Writer.TryWrite(Row("b"));
        input.Writer.TryWrite(Flush(out var partial));
        input.Writer.TryComplete();

        await batcher.RunAsync(CancellationToken.None);

        Assert.Equal(new[] { new[] { "a", "b" } }, seen.Batches.Select(b => b.Rows));
        Assert.Equal(new[] { empty, partial }, seen.Flushes);
    }

    [Fact]
    public async Task A_row_that_cannot_fit_in_a_body_alone_is_rejected_unsent()
    {
        var time = new FakeTimeProvider();
        var (batcher, input, seen) = Create(time, maxBatchBytes: IngestionLimits.MaxBodyBytes);
        var huge = new string('x', IngestionLimits.MaxBodyBytes - 1); // with its brackets one byte over the limit
        input.Writer.TryWrite(Row("before"));
        input.Writer.TryWrite(Row(huge));
        input.Writer.TryWrite(Row("after"));
        input.Writer.TryWrite(Flush(out _));
        input.Writer.TryComplete();

        await batcher.RunAsync(CancellationToken.None);

        Assert.Equal(new[] { new[] { "before", "after" } }, seen.Batches.Select(b => b.Rows));
        var rejected = Assert.Single(seen.Rejected);
        Assert.Equal(huge, rejected.Row);
        Assert.Contains($"exceeds the Logs Ingestion limit of {IngestionLimits.MaxBodyBytes} bytes", rejected.Reason);
    }

    [Fact]
    public async Task A_stop_ends_the_run_and_rows_still_batched_are_not_dispatched()
    {
        var time = new FakeTimeProvider();
        var (batcher, input, seen) = Create(time);
        input.Writer.TryWrite(Row("waiting"));
        using var stop = new CancellationTokenSource();
        var run = batcher.RunAsync(stop.Token);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(seen.Batches);
    }
}
