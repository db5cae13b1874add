using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Tests.Source;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

public sealed class PartitionRunnerTests
{
    private const string Account = AwsEmulators.Account;

    private static SourceOptions FastOptions(AwsEmulators aws, string regions)
    {
        var o = aws.Options(regions);
        o.BackfillDays = 1;
        o.ChunkSpan = TimeSpan.FromHours(12);
        o.SettleDelay = TimeSpan.FromSeconds(1);
        o.Overlap = TimeSpan.FromSeconds(4);
        o.PollInterval = TimeSpan.FromSeconds(1);
        o.ParkRetryInterval = TimeSpan.FromSeconds(2);
        return o;
    }

    private sealed class Harness(AwsEmulators aws, SourceOptions options) : IAsyncDisposable
    {
        public RecordingSink Sink { get; } = new();
        public MemoryCheckpointStore Store { get; init; } = new();
        public MemoryDeadLetters DeadLetters { get; } = new();
        public PartitionStatusRegistry Status { get; } = new();
        public IdMapper Mapper { get; init; } = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _runs = [];
        private readonly Amazon.Runtime.AWSCredentials _credentials = aws.ReaderCredentials(options);

        public void Start()
        {
            foreach (var region in options.RegionList)
            {
                var runner = new PartitionRunner(new PartitionKey(Account, region), aws.Client(region, _credentials), Mapper, Sink, Store, DeadLetters,
                    options, Status, NullLogger<PartitionRunner>.Instance);
                _runs.Add(Task.Run(() => runner.RunAsync(_stop.Token)));
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_runs).WaitAsync(TimeSpan.FromSeconds(60));
        }

        public async ValueTask DisposeAsync() { if (!_stop.IsCancellationRequested) await StopAsync(); }
    }

    [Fact]
    public async Task Events_of_three_regions_are_delivered_exactly_once_and_checkpointed()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var regions = new[] { "us-east-1", "eu-west-1", "ap-southeast-2" };
        var seeded = regions.SelectMany(r => aws.CloudTrail.Seed(aws.Generator, Account, r, 140, now.AddHours(-20), now.AddSeconds(-30))).ToList();
        var options = FastOptions(aws, string.Join(",", regions));
        await using var h = new Harness(aws, options);
        h.Start();

        await WaitFor.ConditionAsync(() => seeded.All(e => h.Sink.Received.ContainsKey(e.EventId)), what: "all seeded events delivered");
        await WaitFor.ConditionAsync(async () => (await h.Store.ListAsync(default)).Count == 3 &&
            (await h.Store.ListAsync(default)).All(c => c.Checkpoint.EventsDelivered >= 140 && c.Checkpoint.ChunkEnd is null), what: "checkpoints caught up");
        await h.StopAsync();

        Assert.Equal(seeded.Count, h.Sink.Received.Count);
        Assert.All(h.Sink.Received, kv => Assert.Equal(1, kv.Value));
        var statuses = h.Status.GetAll();
        Assert.Equal(3, statuses.Count);
        Assert.All(statuses, s => { Assert.Equal(140, s.EventsDelivered); Assert.NotNull(s.NewestEventTime); Assert.NotNull(s.LagSeconds); });
        Assert.All(regions, r => Assert.True(aws.CloudTrail.ThrottlesOf(Account, r) == 0, $"{r} exceeded its quota"));
    }

    [Fact]
    public async Task Late_events_inside_the_overlap_are_caught_once()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var early = aws.CloudTrail.Seed(aws.Generator, Account, "us-east-1", 30, now.AddMinutes(-30), now.AddSeconds(-10));
        await using var h = new Harness(aws, FastOptions(aws, "us-east-1"));
        h.Start();
        await WaitFor.ConditionAsync(() => early.All(e => h.Sink.Received.ContainsKey(e.EventId)), what: "early events");

        // Events stamped 2 s ago that only become visible now: past the settle delay (1 s), inside the overlap (4 s).
        var stamped = DateTimeOffset.UtcNow.AddSeconds(-2);
        var late = Enumerable.Range(0, 5).Select(_ => aws.Generator.Create(Account, "us-east-1", stamped, visibleAt: DateTimeOffset.UtcNow.AddSeconds(1.5))).ToList();
        aws.CloudTrail.AddEvents(Account, "us-east-1", late);
        await WaitFor.ConditionAsync(() => late.All(e => h.Sink.Received.ContainsKey(e.EventId)), what: "late events caught by the sweep");
        // Let the partition do more sweeps over the same seconds; nothing may come twice.
        var requests = aws.CloudTrail.RequestsOf(Account, "us-east-1");
        await WaitFor.ConditionAsync(() => aws.CloudTrail.RequestsOf(Account, "us-east-1") > requests + 6, what: "more polls");
        await h.StopAsync();
        var dups = h.Sink.Received.Where(kv => kv.Value > 1).Select(kv => (late.Any(l => l.EventId == kv.Key) ? "late " : "early ") + kv.Key + " x" + kv.Value).ToList();
        Assert.True(dups.Count == 0, string.Join("; ", dups));
        Assert.Equal(35, h.Sink.Received.Count);
    }

    [Fact]
    public async Task Restart_from_the_checkpoint_loses_nothing_and_repeats_at_most_the_batch_in_flight()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var seeded = aws.CloudTrail.Seed(aws.Generator, Account, "us-east-1", 400, now.AddHours(-23), now.AddSeconds(-30));
        var options = FastOptions(aws, "us-east-1");
        options.ChunkSpan = TimeSpan.FromHours(6);
        var store = new MemoryCheckpointStore();
        var first = new Harness(aws, options) { Store = store };
        first.Start();
        await WaitFor.ConditionAsync(() => first.Sink.Received.Count >= 150 && store.Writes >= 3, what: "first run midway");
        first.Sink.Hold = true; // rows sent from now on are "in flight" when the worker dies
        await WaitFor.ConditionAsync(() => first.Sink.Received.Count >= 200, what: "rows in flight");
        await first.StopAsync();
        var midway = (await store.ReadAsync(new PartitionKey(Account, "us-east-1"), default))!.Checkpoint;
        Assert.True(midway.ChunkEnd is not null || midway.Watermark < now.AddSeconds(-30), "the crash should hit mid-stream");

        var second = new Harness(aws, options) { Store = store };
        second.Start();
        await WaitFor.ConditionAsync(() => seeded.All(e => first.Sink.Received.ContainsKey(e.EventId) || second.Sink.Received.ContainsKey(e.EventId)), what: "all delivered after restart");
        await second.StopAsync();

        var twice = seeded.Count(e => first.Sink.Received.ContainsKey(e.EventId) && second.Sink.Received.ContainsKey(e.EventId));
        var inFlight = first.Sink.Received.Count - (int)midway.EventsDelivered;
        Assert.True(twice <= inFlight, $"{twice} events repeated, but only {inFlight} were in flight");
        Assert.All(second.Sink.Received, kv => Assert.Equal(1, kv.Value));
    }

    [Fact]
    public async Task Throttling_storm_slows_the_partition_but_loses_nothing()
    {
        await using var aws = await AwsEmulators.StartAsync();
        aws.CloudTrail.RequestsPerSecond = 1; // the service allows half of what the partition is set to
        var now = DateTimeOffset.UtcNow;
        var seeded = aws.CloudTrail.Seed(aws.Generator, Account, "us-east-1", 300, now.AddHours(-20), now.AddSeconds(-30));
        await using var h = new Harness(aws, FastOptions(aws, "us-east-1"));
        h.Start();
        await WaitFor.ConditionAsync(() => seeded.All(e => h.Sink.Received.ContainsKey(e.EventId)), what: "all delivered despite throttling");
        await h.StopAsync();
        Assert.True(aws.CloudTrail.Throttles > 0);
        Assert.Equal(aws.CloudTrail.Throttles, h.Status.GetAll().Single().Throttles);
        Assert.All(h.Sink.Received, kv => Assert.Equal(1, kv.Value));
    }

    [Fact]
    public async Task Disabled_region_is_parked_while_the_others_go_on_and_resumes_when_enabled()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        aws.CloudTrail.DisableRegion(Account, "me-south-1");
        var open = aws.CloudTrail.Seed(aws.Generator, Account, "us-east-1", 60, now.AddHours(-5), now.AddSeconds(-30));
        var closed = aws.CloudTrail.Seed(aws.Generator, Account, "me-south-1", 20, now.AddHours(-5), now.AddSeconds(-30));
        await using var h = new Harness(aws, FastOptions(aws, "us-east-1,me-south-1"));
        h.Start();
        await WaitFor.ConditionAsync(() => open.All(e => h.Sink.Received.ContainsKey(e.EventId)), what: "open region delivered");
        await WaitFor.ConditionAsync(() => h.Status.Get(new PartitionKey(Account, "me-south-1"))?.State == PartitionState.Parked, what: "parked");
        var parked = h.Status.Get(new PartitionKey(Account, "me-south-1"))!;
        Assert.Contains("not enabled", parked.LastError);
        Assert.DoesNotContain(closed, e => h.Sink.Received.ContainsKey(e.EventId));

        aws.CloudTrail.EnableRegion(Account, "me-south-1");
        await WaitFor.ConditionAsync(() => closed.All(e => h.Sink.Received.ContainsKey(e.EventId)), what: "resumed after the park interval");
        await h.StopAsync();
        Assert.All(h.Sink.Received, kv => Assert.Equal(1, kv.Value));
    }

    [Fact]
    public async Task Checkpoint_conflict_stops_the_partition_which_rereads_and_goes_on()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var seeded = aws.CloudTrail.Seed(aws.Generator, Account, "us-east-1", 80, now.AddHours(-5), now.AddSeconds(-30));
        var store = new MemoryCheckpointStore { ConflictsToInject = 1 };
        await using var h = new Harness(aws, FastOptions(aws, "us-east-1")) { Store = store };
        h.Start();
        await WaitFor.ConditionAsync(() => h.Status.GetAll().SingleOrDefault()?.LastError?.Contains("another worker") == true, what: "conflict reported");
        await WaitFor.ConditionAsync(() => seeded.All(e => h.Sink.Received.ContainsKey(e.EventId)) && store.Writes > 0, what: "delivered after re-reading");
        await h.StopAsync();
    }

    [Fact]
    public async Task Unmappable_records_are_dead_lettered_and_count_as_delivered()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var seeded = aws.CloudTrail.Seed(aws.Generator, Account, "us-east-1", 50, now.AddHours(-2), now.AddSeconds(-30));
        var bad = seeded.Take(5).Select(e => e.EventId).ToHashSet();
        var store = new MemoryCheckpointStore();
        await using var h = new Harness(aws, FastOptions(aws, "us-east-1")) { Store = store, Mapper = new IdMapper(e => bad.Contains(e.EventId)) };
        h.Start();
        await WaitFor.ConditionAsync(async () => (await store.ReadAsync(new PartitionKey(Account, "us-east-1"), default))?.Checkpoint.EventsDelivered == 50, what: "checkpoint past the bad records");
        await h.StopAsync();
        Assert.Equal(5, h.DeadLetters.Entries.Count);
        Assert.All(h.DeadLetters.Entries, d => { Assert.Equal("map", d.Stage); Assert.Contains("\"eventID\"", d.Raw); });
        Assert.Equal(45, h.Sink.Received.Count);
    }
}
