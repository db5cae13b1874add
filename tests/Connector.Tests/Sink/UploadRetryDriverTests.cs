using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Tests.Support;
using SentinelAwsIac.Emulators.LogsIngestion;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

/// <summary>The retry driver against the Logs Ingestion emulator, on a clock that reports every wait: each test reads
/// the wait the driver chose and advances exactly that much, so no real time passes.</summary>
public sealed class UploadRetryDriverTests
{
    /// <summary>Always the middle of the jitter window: a backoff wait is then half its ceiling.</summary>
    private sealed class Half : Random
    {
        public override double NextDouble() => 0.5;
    }

    private sealed class Driven(UploadRetryDriver driver, SinkCounters counters, SinkStatusTracker status, WatchedTime time)
    {
        public UploadRetryDriver Driver { get; } = driver;
        public SinkCounters Counters { get; } = counters;
        public SinkStatusTracker Status { get; } = status;
        public WatchedTime Time { get; } = time;
    }

    private static Driven Create(SinkHarness h, IDeadLetterQueue? deadLetters = null)
    {
        var time = new WatchedTime(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new SinkOptions
        {
            Endpoint = h.Emulator.Endpoint.ToString(),
            RuleId = LogsIngestionEmulatorOptions.DefaultRuleId,
            StreamName = SinkHarness.Stream,
            RetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromSeconds(25),
        };
        var counters = new SinkCounters();
        var status = new SinkStatusTracker(time);
        var driver = new UploadRetryDriver(h.Client, options, deadLetters ?? h.DeadLetters, new ByteBudget(long.MaxValue), counters, status,
            NullLogger.Instance, time, new Half());
        return new Driven(driver, counters, status, time);
    }

    private static (SinkRecord[] Records, RecordingAck[] Acks) Rows(int count, Func<int, byte[]>? row = null)
    {
        var acks = Enumerable.Range(0, count).Select(_ => new RecordingAck()).ToArray();
        return (Enumerable.Range(0, count).Select(i => new SinkRecord(SinkHarness.Partition, (row ?? (n => CloudTrailRows.Row(n)))(i), acks[i])).ToArray(), acks);
    }

    [Fact]
    public async Task A_429_waits_its_Retry_After_on_the_sink_clock_then_delivers()
    {
        await using var h = await SinkHarness.StartAsync();
        var d = Create(h);
        h.Emulator.InjectFaults(1, new InjectedFault(429, RetryAfter: TimeSpan.FromSeconds(30)));
        var (records, acks) = Rows(5);

        var delivery = d.Driver.DeliverAsync(records, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(30), await d.Time.NextTimerAsync());
        Assert.Equal(SinkState.Retrying, d.Status.Current.State);
        Assert.Contains("429", d.Status.Current.LastError);
        Assert.All(acks, a => Assert.Equal(0, a.Count));
        d.Time.Advance(TimeSpan.FromSeconds(30));
        await delivery.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        var counters = d.Counters.Snapshot();
        Assert.Equal((1, 1, 2, 5), (counters.Status429, counters.Retries, counters.UploadRequests, counters.RowsDelivered));
        Assert.Equal(SinkState.Healthy, d.Status.Current.State);
        Assert.Equal(d.Time.GetUtcNow(), d.Status.Current.LastSuccessAt);
    }

    [Fact]
    public async Task Without_Retry_After_the_waits_follow_the_backoff_from_RetryDelay_to_MaxRetryDelay()
    {
        await using var h = await SinkHarness.StartAsync();
        var d = Create(h);
        h.Emulator.InjectFaults(3, new InjectedFault(503));
        var (records, acks) = Rows(3);

        var delivery = d.Driver.DeliverAsync(records, CancellationToken.None);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            waits.Add(await d.Time.NextTimerAsync());
            d.Time.Advance(waits[^1]);
        }
        await delivery.WaitAsync(TimeSpan.FromSeconds(30));

        // Half of the ceilings 10 s, 20 s, 25 s (20 s × 2 capped at MaxRetryDelay).
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12.5)], waits);
        Assert.All(acks, a => Assert.Equal(1, a.Count));
        Assert.Equal(3, d.Counters.Snapshot().Status5xx);
        Assert.False(d.Time.HasUnreadTimer);
    }

    [Fact]
    public async Task A_403_marks_the_sink_failing_with_the_fix_and_waits_the_backoff_not_Retry_After()
    {
        await using var h = await SinkHarness.StartAsync();
        var d = Create(h);
        h.Emulator.InjectFaults(1, new InjectedFault(403, RetryAfter: TimeSpan.FromSeconds(1)));
        var (records, acks) = Rows(2);

        var delivery = d.Driver.DeliverAsync(records, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), await d.Time.NextTimerAsync());
        var status = d.Status.Current;
        Assert.Equal(SinkState.Failing, status.State);
        Assert.EndsWith(IngestionOutcomes.FixHint(403), status.LastError);
        Assert.Equal(d.Time.GetUtcNow(), status.UnhealthySince);
        d.Time.Advance(TimeSpan.FromSeconds(5));
        await delivery.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        Assert.Equal(1, d.Counters.Snapshot().Status403);
    }

    [Fact]
    public async Task A_413_cuts_the_batch_in_two_and_delivers_both_halves_without_waiting()
    {
        await using var h = await SinkHarness.StartAsync();
        var d = Create(h);
        h.Emulator.InjectFaults(1, new InjectedFault(413));
        var (records, acks) = Rows(4);

        await d.Driver.DeliverAsync(records, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        var counters = d.Counters.Snapshot();
        Assert.Equal((1, 1, 3, 0), (counters.Splits, counters.Status413, counters.UploadRequests, counters.Retries));
        Assert.Equal(records.Select((_, i) => CloudTrailRows.EventId(i)), h.AcceptedEventIds());
        Assert.False(d.Time.HasUnreadTimer);
    }

    [Fact]
    public async Task A_400_of_one_row_dead_letters_it_with_the_services_error_and_acknowledges_it()
    {
        await using var h = await SinkHarness.StartAsync();
        var d = Create(h);
        var (records, acks) = Rows(1, _ => CloudTrailRows.Row(0, extra: w => w.WriteString("NotAColumn", "x")));

        await d.Driver.DeliverAsync(records, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, acks[0].Count);
        var dead = Assert.Single(await h.ReadDeadLettersAsync());
        Assert.Equal(("sink", SinkHarness.Partition), (dead.Stage, dead.Partition));
        Assert.StartsWith("HTTP 400 InvalidContent", dead.Reason);
        Assert.Equal((1, 0L), (d.Counters.Snapshot().DeadLetters, d.Counters.Snapshot().RowsDelivered));
    }

    [Fact]
    public async Task A_stop_during_a_wait_ends_the_delivery_with_nothing_acknowledged()
    {
        await using var h = await SinkHarness.StartAsync();
        var d = Create(h);
        h.Emulator.InjectFaults(1, new InjectedFault(429, RetryAfter: TimeSpan.FromSeconds(30)));
        var (records, acks) = Rows(2);
        using var stop = new CancellationTokenSource();

        var delivery = d.Driver.DeliverAsync(records, stop.Token);
        await d.Time.NextTimerAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.All(acks, a => Assert.Equal(0, a.Count));
        Assert.Equal(1, d.Counters.Snapshot().UploadRequests);
    }

    /// <summary>Fails its first write, then keeps entries.</summary>
    private sealed class FailsOnce : IDeadLetterQueue
    {
        public List<DeadLetterEntry> Kept { get; } = [];
        private int _calls;

        public Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1) throw new IOException("disk full");
            Kept.Add(entry);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_dead_letter_write_that_fails_is_retried_after_the_backoff_and_only_then_acknowledged()
    {
        await using var h = await SinkHarness.StartAsync();
        var queue = new FailsOnce();
        var d = Create(h, queue);
        var (records, acks) = Rows(1);

        var kept = d.Driver.DeadLetterAsync(records[0], "test: refused", CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(5), await d.Time.NextTimerAsync());
        Assert.Equal(0, acks[0].Count);
        Assert.Equal(SinkState.Failing, d.Status.Current.State);
        Assert.Contains("disk full", d.Status.Current.LastError);
        d.Time.Advance(TimeSpan.FromSeconds(5));
        await kept.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, acks[0].Count);
        Assert.Equal("test: refused", Assert.Single(queue.Kept).Reason);
        Assert.Equal(1, d.Counters.Snapshot().DeadLetters);
    }
}
