using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Health;

public sealed class HealthMonitorTests
{
    private static readonly PartitionKey East = new("111122223333", "us-east-1");
    private static readonly PartitionKey South = new("111122223333", "me-south-1");

    private sealed class World
    {
        public readonly ManualTime Time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        public readonly PartitionStatusRegistry Registry;
        public readonly DeadLetterCounter DeadLetters = new(new NullQueue());
        public SinkStatus? Sink = new(SinkState.Healthy, null, null);
        public readonly HealthMonitor Monitor;

        public World()
        {
            Registry = new PartitionStatusRegistry(Time);
            var source = new SourceOptions { ReaderRoleArn = "arn:aws:iam::111122223333:role/Reader", Regions = "us-east-1,me-south-1" };
            Monitor = new HealthMonitor(Options.Create(new HealthOptions { Interval = TimeSpan.FromMinutes(1), StallAfter = TimeSpan.FromMinutes(15) }),
                Options.Create(source), Registry, DeadLetters, () => Sink, Time);
        }

        public PartitionHealth Row(PartitionKey p, IReadOnlyDictionary<PartitionKey, PartitionTotals> previous, DateTimeOffset since) =>
            Monitor.Evaluate(previous, since).Single(h => h.Partition == p);
    }

    private sealed class NullQueue : IDeadLetterQueue
    {
        public Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public async Task Counts_are_per_interval_and_a_throttled_interval_says_throttled()
    {
        var w = new World();
        var east = w.Registry.For(East);
        east.SetState(PartitionState.Running);
        east.Checkpointed(w.Time.GetUtcNow().AddMinutes(-2), w.Time.GetUtcNow().AddMinutes(-3));
        var start = w.Monitor.Totals();
        var since = w.Time.GetUtcNow();
        east.Delivered(40);
        east.Throttled();
        await w.DeadLetters.WriteAsync(new DeadLetterEntry(East, "map", "bad", "{}", since), default);
        w.Time.Advance(TimeSpan.FromMinutes(1));
        east.Progressed();

        var row = w.Row(East, start, since);
        Assert.Equal(HealthTable.States.Throttled, row.State);
        Assert.Equal((40L, 1L, 1L), (row.Events, row.DeadLetters, row.Throttles));
        Assert.Equal(180, row.LagSeconds);

        var next = w.Monitor.Evaluate(w.Monitor.Totals(), w.Time.GetUtcNow()).Single(h => h.Partition == East);
        Assert.Equal(HealthTable.States.Running, next.State);
        Assert.Equal((0L, 0L, 0L), (next.Events, next.DeadLetters, next.Throttles));
    }

    [Fact]
    public void Parked_partition_is_parked_and_never_stalled()
    {
        var w = new World();
        w.Registry.For(South).SetState(PartitionState.Parked);
        w.Registry.For(South).Error("region not enabled");
        w.Registry.For(East).Progressed();
        w.Time.Advance(TimeSpan.FromHours(2));
        w.Registry.For(East).Progressed();

        var report = w.Monitor.Report();
        var south = report.Partitions.Single(p => p.Partition == South);
        Assert.Equal(HealthTable.States.Parked, south.State);
        Assert.False(south.Stalled);
        Assert.Equal("region not enabled", south.LastError);
        Assert.True(report.Healthy, string.Join("; ", report.Problems));
    }

    [Fact]
    public void Partition_without_progress_for_StallAfter_is_failing_and_fails_healthz()
    {
        var w = new World();
        w.Registry.For(East).Progressed();
        w.Registry.For(South).Progressed();
        w.Time.Advance(TimeSpan.FromMinutes(14));
        w.Registry.For(South).Progressed();
        Assert.True(w.Monitor.Report().Healthy);

        w.Time.Advance(TimeSpan.FromMinutes(1));
        var report = w.Monitor.Report();
        Assert.False(report.Healthy);
        var east = report.Partitions.Single(p => p.Partition == East);
        Assert.True(east.Stalled);
        Assert.Equal(HealthTable.States.Failing, east.State);
        Assert.Contains(report.Problems, p => p.Contains(East.ToString()));
        Assert.DoesNotContain(report.Problems, p => p.Contains(South.ToString()));
    }

    [Fact]
    public void Calls_that_keep_failing_make_the_partition_failing_after_an_interval_without_progress()
    {
        var w = new World();
        var east = w.Registry.For(East);
        east.SetState(PartitionState.Running);
        east.Progressed();
        w.Time.Advance(TimeSpan.FromSeconds(10));
        east.Error("InternalFailure");
        Assert.Equal(HealthTable.States.Running, w.Row(East, w.Monitor.Totals(), w.Time.GetUtcNow()).State); // one error, not yet an interval

        w.Time.Advance(TimeSpan.FromMinutes(1));
        var row = w.Row(East, w.Monitor.Totals(), w.Time.GetUtcNow().AddMinutes(-1));
        Assert.Equal(HealthTable.States.Failing, row.State);
        Assert.Equal("InternalFailure", row.LastError);
        Assert.False(row.Stalled);

        east.Progressed();
        Assert.Equal(HealthTable.States.Running, w.Row(East, w.Monitor.Totals(), w.Time.GetUtcNow()).State);
    }

    [Fact]
    public void Sink_refusing_makes_rows_failing_at_once_and_healthz_fail_after_StallAfter()
    {
        var w = new World();
        w.Registry.For(East).Progressed();
        w.Registry.For(South).Progressed();
        w.Sink = new SinkStatus(SinkState.Failing, "403 Forbidden", null, w.Time.GetUtcNow());
        var row = w.Row(East, w.Monitor.Totals(), w.Time.GetUtcNow());
        Assert.Equal(HealthTable.States.Failing, row.State);
        Assert.Equal("403 Forbidden", row.LastError);
        Assert.True(w.Monitor.Report().Healthy);

        w.Time.Advance(TimeSpan.FromMinutes(15));
        w.Registry.For(East).Progressed();
        w.Registry.For(South).Progressed();
        var report = w.Monitor.Report();
        Assert.False(report.Healthy);
        Assert.Contains(report.Problems, p => p.Contains("sink"));
    }

    [Fact]
    public void Sink_retrying_briefly_is_not_failing_but_retrying_for_StallAfter_is()
    {
        var w = new World();
        w.Registry.For(East).Progressed();
        w.Sink = new SinkStatus(SinkState.Retrying, "429", null, w.Time.GetUtcNow());
        Assert.Equal(HealthTable.States.Running, w.Row(East, w.Monitor.Totals(), w.Time.GetUtcNow()).State);
        w.Time.Advance(TimeSpan.FromMinutes(15));
        w.Registry.For(East).Progressed();
        Assert.Equal(HealthTable.States.Failing, w.Row(East, w.Monitor.Totals(), w.Time.GetUtcNow()).State);
    }
}
