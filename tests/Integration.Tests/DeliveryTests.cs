using System.Globalization;
using System.Text.Json;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

[Collection(WorkerCollection.Name)]
public sealed class DeliveryTests(AzuriteFixture azurite)
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    [Fact]
    public async Task Events_of_three_regions_arrive_exactly_once_with_TimeGenerated_equal_to_eventTime()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var seeded = h.Aws.Seed(Regions, 150);
        await h.StartWorkerAsync(string.Join(",", Regions));

        await Wait.UntilAsync(() => h.AcceptedEventIds().Count >= seeded.Count, "every seeded event accepted by the Logs Ingestion emulator");
        await Wait.UntilAsync(async () => (await h.Store.ListAsync(default)).Count == 3
            && (await h.Store.ListAsync(default)).All(c => c.Checkpoint.EventsDelivered == 150 && c.Checkpoint.ChunkEnd is null), "checkpoints past every event");
        await h.StopWorkerAsync();

        var rows = h.EventRows();
        Assert.Equal(seeded.Count, rows.Count);
        var byId = rows.ToDictionary(r => r.GetProperty("AwsEventId").GetString()!); // throws on a duplicate
        foreach (var e in seeded)
        {
            Assert.True(byId.TryGetValue(e.EventId, out var row), $"event {e.EventId} missing");
            var eventTime = DateTimeOffset.Parse(JsonDocument.Parse(e.CloudTrailEventJson).RootElement.GetProperty("eventTime").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(eventTime, DateTimeOffset.Parse(row.GetProperty("TimeGenerated").GetString()!, CultureInfo.InvariantCulture));
        }
        var checkpoints = await h.Store.ListAsync(default);
        Assert.All(checkpoints, c =>
        {
            Assert.NotNull(c.Checkpoint.SweepFloor); // a proper field now, no '~' marker among the event IDs
            Assert.DoesNotContain(c.Checkpoint.RecentEventIds, s => s.EventId.StartsWith('~'));
        });
        // Health rows went out through the second stream for every partition, and their event counts add up.
        var health = h.HealthRows();
        Assert.Equal(Regions.Order(), health.Select(r => r.GetProperty("Region").GetString()!).Distinct().Order());
        Assert.Equal(seeded.Count, health.Sum(r => r.GetProperty("Events").GetInt64()));
        Assert.All(health, r => Assert.Equal(WorkerVersion.Value, r.GetProperty("WorkerVersion").GetString()));
    }

    [Fact]
    public async Task Throttling_and_429_and_5xx_storms_deliver_everything_once()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        h.Aws.CloudTrail.RequestsPerSecond = 1; // the service allows half of what the partitions are set to: a throttling storm
        var seeded = h.Aws.Seed(Regions[..2], 200);
        // The first uploads meet 429s (with Retry-After) and 5xx answers.
        h.Ingestion.InjectFaults(6, new InjectedFault(429, RetryAfter: TimeSpan.FromMilliseconds(200)));
        h.Ingestion.InjectFaults(4, new InjectedFault(500));
        h.Ingestion.InjectFaults(4, new InjectedFault(503));
        await h.StartWorkerAsync(string.Join(",", Regions[..2]));

        await Wait.UntilAsync(() => h.AcceptedEventIds().Count >= seeded.Count, "all delivered through the storms", seconds: 90);
        await Wait.UntilAsync(() => h.HealthRows().Any(r => r.GetProperty("State").GetString() == HealthTable.States.Throttled), "a health row saying throttled");
        await h.StopWorkerAsync();

        var ids = h.AcceptedEventIds();
        Assert.Equal(seeded.Count, ids.Count);
        Assert.Equal(seeded.Select(e => e.EventId).Order(), ids.Order());
        Assert.Equal(0, h.Ingestion.PendingFaults);
        Assert.True(h.Ingestion.Counters.Status(429) >= 6 && h.Ingestion.Counters.Status(500) >= 4 && h.Ingestion.Counters.Status(503) >= 4);
        Assert.True(h.Aws.CloudTrail.Throttles > 0, "the CloudTrail emulator never throttled");
        // A throttled row is a partition that was throttled: in the row's own interval, or earlier with its backoff
        // still running (a backoff can outlast the 1 s health interval of this test, up to 20 s; in production the
        // interval is 60 s). Never a partition that was not throttled at all.
        foreach (var partition in h.HealthRows().GroupBy(r => r.GetProperty("Partition").GetString()))
        {
            long throttlesSoFar = 0;
            foreach (var row in partition.OrderBy(r => r.GetProperty("TimeGenerated").GetDateTimeOffset()))
            {
                throttlesSoFar += row.GetProperty("Throttles").GetInt64();
                if (row.GetProperty("State").GetString() == HealthTable.States.Throttled)
                    Assert.True(throttlesSoFar > 0, $"{partition.Key} reported 'throttled' before any throttle: {row}");
            }
        }
        // Rows report throttles of their interval only; the ones after the last row are not reported yet, none twice.
        var reported = h.HealthRows().Sum(r => r.GetProperty("Throttles").GetInt64());
        Assert.InRange(reported, 1, h.Aws.CloudTrail.Throttles);
    }
}
