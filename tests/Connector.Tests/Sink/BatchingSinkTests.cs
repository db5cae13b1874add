using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Tests.Support;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogsIngestion;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class BatchingSinkTests
{
    private static void AssertExactlyOnce(SinkHarness h, int count, int from = 0, IEnumerable<int>? except = null)
    {
        var skip = new HashSet<int>(except ?? []);
        var expected = Enumerable.Range(from, count).Where(i => !skip.Contains(i)).Select(CloudTrailRows.EventId).Order().ToList();
        Assert.Equal(expected, h.AcceptedEventIds().Order().ToList());
    }

    [Fact]
    public async Task Realistic_rows_arrive_exactly_once_in_batches_under_1_MB_without_413()
    {
        // Batches are cut by size and the explicit flush only: a flush interval that fires while a loaded machine is
        // still sending would make smaller batches than the assertions below count.
        await using var h = await SinkHarness.StartAsync(o => o.FlushInterval = SinkHarness.NeverOnItsOwn);
        var acks = await h.SendAsync(2500);
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 2500);
        var rows = h.Emulator.AcceptedRows(SinkHarness.Stream);
        Assert.Equal(CloudTrailRows.TimeOf(1234), rows.Single(r => r.GetProperty("AwsEventId").GetString() == CloudTrailRows.EventId(1234)).GetProperty("TimeGenerated").GetDateTimeOffset());
        var counters = h.Sink.Counters.Snapshot();
        Assert.Equal(0, counters.Status413);
        Assert.Equal(0, h.Emulator.Counters.Status(413));
        Assert.Equal(counters.UploadRequests, counters.Status204);
        // ~5 MB of rows: several uploads, each filled close to the 1 MB limit, never above it.
        Assert.InRange(counters.UploadRequests, (long)Math.Ceiling((double)counters.UncompressedBytes / IngestionLimits.MaxBodyBytes), 10);
        Assert.True(counters.UploadedBytes < counters.UncompressedBytes / 3, "gzip should shrink JSON rows several times");
        Assert.Equal(2500, counters.RowsDelivered);
    }

    [Theory]
    [InlineData(System.IO.Compression.CompressionLevel.NoCompression)]
    [InlineData(System.IO.Compression.CompressionLevel.Optimal)]
    public async Task Every_compression_setting_delivers_the_same_rows(System.IO.Compression.CompressionLevel level)
    {
        await using var h = await SinkHarness.StartAsync(o => { o.CompressionLevel = level; o.FlushInterval = SinkHarness.NeverOnItsOwn; });
        var acks = await h.SendAsync(600);
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 600);
        var counters = h.Sink.Counters.Snapshot();
        Assert.Equal(0, counters.Status413);
        if (level == System.IO.Compression.CompressionLevel.NoCompression)
            Assert.Equal(counters.UncompressedBytes, counters.UploadedBytes);
        else
            Assert.True(counters.UploadedBytes < counters.UncompressedBytes / 3);
    }

    [Fact]
    public async Task FlushAsync_returns_after_every_buffered_row_was_acknowledged()
    {
        await using var h = await SinkHarness.StartAsync(o => o.FlushInterval = TimeSpan.FromMinutes(1));
        var acks = await h.SendAsync(10);
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 10);
    }

    [Fact]
    public async Task Flush_interval_sends_a_lone_row_without_an_explicit_flush()
    {
        // A fake clock and an interval of 10 minutes: the row can only leave because the sink's own clock passed it.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var interval = TimeSpan.FromMinutes(10);
        await using var h = await SinkHarness.StartAsync(o => o.FlushInterval = interval, time: time);
        var acks = await h.SendAsync(1);
        Assert.Equal(0, acks[0].Count);

        // The batcher takes the row at a moment of its own, so the interval may have to pass more than once after that.
        await SinkHarness.WaitUntilAsync(() =>
        {
            if (acks[0].Count == 1) return true;
            time.Advance(interval);
            return false;
        }, "the lone row to be delivered once the flush interval passed on the sink's clock");
        AssertExactlyOnce(h, 1);
        Assert.Equal(1, h.Sink.Counters.Snapshot().UploadRequests);
    }

    [Fact]
    public async Task A_429_storm_with_Retry_After_delays_delivery_but_loses_and_duplicates_nothing()
    {
        // On a fake clock that runs every wait at once (the Retry-After waits and the flush interval): no real time passes.
        var time = new WatchedTime(DateTimeOffset.UtcNow);
        using var clock = new CancellationTokenSource();
        var advancing = time.AdvanceEveryTimerAsync(clock.Token);
        await using var h = await SinkHarness.StartAsync(o => o.MaxBatchBytes = 64 * 1024, time: time);
        h.Emulator.InjectFaults(3, new InjectedFault(429, RetryAfter: TimeSpan.FromSeconds(1)));
        h.Emulator.InjectFaults(1, new InjectedFault(429, RetryAfterDate: time.GetUtcNow().AddSeconds(1)));

        var acks = await h.SendAsync(300);
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 300);
        var counters = h.Sink.Counters.Snapshot();
        Assert.Equal(4, counters.Status429);
        Assert.Equal(4, h.Emulator.Counters.Status(429));
        Assert.True(counters.Retries >= 4);
        Assert.Equal(SinkState.Healthy, h.Sink.Status.State);
        await clock.CancelAsync();
        await advancing;
    }

    [Fact]
    public async Task Server_errors_are_retried_until_delivered()
    {
        await using var h = await SinkHarness.StartAsync();
        h.Emulator.InjectFaults(2, new InjectedFault(500));
        h.Emulator.InjectFaults(2, new InjectedFault(503));

        var acks = await h.SendAsync(50);
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 50);
        Assert.Equal(4, h.Sink.Counters.Snapshot().Status5xx);
    }

    [Fact]
    public async Task A_413_splits_the_batch_until_everything_is_delivered()
    {
        // The sink's batch limit (3 MB) above the service's 1 MB provokes 413s, which the sink must answer by splitting.
        // Cut by size and the explicit flush only, so the batches really grow past 1 MB whatever the machine's load.
        await using var h = await SinkHarness.StartAsync(o => { o.MaxBatchBytes = 3 * IngestionLimits.MaxBodyBytes; o.FlushInterval = SinkHarness.NeverOnItsOwn; });
        var acks = await h.SendAsync(1200);
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 1200);
        var counters = h.Sink.Counters.Snapshot();
        Assert.True(counters.Status413 >= 1, "the emulator should have answered 413 at least once");
        Assert.Equal(counters.Status413, h.Emulator.Counters.Status(413));
        Assert.True(counters.Splits >= counters.Status413);
        Assert.Equal(0, counters.DeadLetters);
    }

    [Fact]
    public async Task A_400_is_bisected_so_exactly_the_bad_rows_are_dead_lettered_and_all_rows_acknowledged()
    {
        await using var h = await SinkHarness.StartAsync(o => o.FlushInterval = TimeSpan.FromMinutes(1));
        int[] bad = [17, 18, 150];
        var acks = await h.SendAsync(200, row: i => i switch
        {
            17 => CloudTrailRows.Row(i, extra: w => w.WriteString("ReadOnly", "true")),        // string in a boolean column
            18 => CloudTrailRows.Row(i, extra: w => w.WriteString("NotAColumn", "x")),          // undeclared column
            150 => CloudTrailRows.Row(i, extra: w => w.WriteString("SessionCreationDate", "yesterday")), // not a datetime
            _ => CloudTrailRows.Row(i),
        });
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 200, except: bad);
        var dead = await h.ReadDeadLettersAsync();
        Assert.Equal(bad.Select(CloudTrailRows.EventId).Order(), dead.Select(d => System.Text.Json.JsonDocument.Parse(d.Raw).RootElement.GetProperty("AwsEventId").GetString()).Order());
        Assert.All(dead, d =>
        {
            Assert.Equal("sink", d.Stage);
            Assert.Equal(SinkHarness.Partition, d.Partition);
            Assert.Contains("InvalidContent", d.Reason);
        });
        Assert.Contains(dead, d => d.Reason.Contains("'NotAColumn'"));
        Assert.Equal(3, h.Sink.Counters.Snapshot().DeadLetters);
    }

    [Fact]
    public async Task A_row_over_1_MB_is_dead_lettered_without_being_sent()
    {
        await using var h = await SinkHarness.StartAsync();
        var acks = await h.SendAsync(3, row: i => i == 1 ? CloudTrailRows.Row(i, IngestionLimits.MaxBodyBytes + 10) : CloudTrailRows.Row(i));
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 3, except: [1]);
        var dead = Assert.Single(await h.ReadDeadLettersAsync());
        Assert.Contains("exceeds", dead.Reason);
        Assert.Contains(CloudTrailRows.EventId(1), dead.Raw);
        Assert.Equal(0, h.Emulator.Counters.Status(413));
        Assert.True(h.Emulator.Counters.BytesReceived < IngestionLimits.MaxBodyBytes, "the large row must not be sent");
    }

    [Fact]
    public async Task A_refused_identity_marks_the_sink_failing_and_keeps_the_rows_until_access_works()
    {
        await using var h = await SinkHarness.StartAsync();
        h.Credential.AudienceOverride = "https://management.azure.com";
        var acks = await h.SendAsync(20);

        await SinkHarness.WaitUntilAsync(() => h.Sink.Counters.Snapshot().Status401 >= 2, "the sink to retry after 401");
        var status = h.Sink.Status;
        Assert.Equal(SinkState.Failing, status.State);
        Assert.Contains("401", status.LastError);
        Assert.All(acks, a => Assert.Equal(0, a.Count));

        h.Credential.AudienceOverride = null; // as when the role assignment finally applies
        await h.Sink.FlushAsync(CancellationToken.None);

        Assert.All(acks, a => Assert.Equal(1, a.Count));
        AssertExactlyOnce(h, 20);
        Assert.Equal(SinkState.Healthy, h.Sink.Status.State);
    }

    [Fact]
    public async Task SendAsync_waits_when_the_buffer_is_full_and_resumes_when_uploads_succeed()
    {
        await using var h = await SinkHarness.StartAsync(o =>
        {
            o.MaxBatchBytes = 16 * 1024;
            o.MaxBufferedBytes = 64 * 1024;
            o.MaxConcurrency = 2;
        });
        h.Emulator.InjectFaults(100_000, new InjectedFault(503));

        var sent = 0;
        ValueTask pending = default;
        for (; sent < 1000; sent++)
        {
            pending = h.Sink.SendAsync(new SinkRecord(SinkHarness.Partition, CloudTrailRows.Row(sent, 2048), new RecordingAck()), CancellationToken.None);
            if (!pending.IsCompleted) break;
        }
        Assert.True(sent < 1000, "SendAsync should stop completing once 64 KB are buffered");
        Assert.True(h.Sink.BufferedBytes <= 64 * 1024);

        h.Emulator.ClearFaults();
        await pending;
        await h.Sink.FlushAsync(CancellationToken.None);
        AssertExactlyOnce(h, sent + 1);
    }
}
