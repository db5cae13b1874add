using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Tests.Support;
using System.Globalization;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

public sealed class BackfillProgressTests
{
    private static readonly PartitionKey East = new("111122223333", "us-east-1");

    [Fact]
    public void The_rate_is_over_the_chunks_that_delivered_and_the_eta_reads_at_a_glance()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
        var start = time.GetUtcNow().AddDays(-4);
        var target = time.GetUtcNow();
        var log = new CapturingLogger<BackfillProgressTests>();
        var progress = new BackfillProgress(start, time, TimeSpan.FromSeconds(30));

        // 30 s of empty chunks: no line yet claims a rate.
        progress.Report(log, East, start, target, 0, backfilling: true);
        time.Advance(TimeSpan.FromSeconds(30));
        progress.Report(log, East, start.AddDays(1), target, 0, backfilling: true);
        Assert.Contains("no events yet", Assert.Single(log.Entries).Message);

        // Then one chunk of 30 s delivers 1500 events: 50 events/s, not 1500 / 60 s.
        time.Advance(TimeSpan.FromSeconds(30));
        progress.Report(log, East, start.AddDays(2), target, 1500, backfilling: true);
        var line = log.Entries.Last().Message;
        Assert.Contains("50.0% of the window done", line);
        Assert.Contains("50.0 events/s", line);
        Assert.Contains("ETA 1 min", line); // half the window in 60 s
        Assert.DoesNotContain("ETA 00:", line);
    }

    [Fact]
    public void A_live_partition_writes_no_progress_lines()
    {
        var time = new FakeTimeProvider();
        var log = new CapturingLogger<BackfillProgressTests>();
        var progress = new BackfillProgress(time.GetUtcNow(), time, TimeSpan.Zero);
        time.Advance(TimeSpan.FromMinutes(1));
        progress.Report(log, East, time.GetUtcNow(), time.GetUtcNow(), 10, backfilling: false);
        Assert.Empty(log.Entries);
    }
}
