using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

[Collection(WorkerCollection.Name)]
public sealed class RestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Killed_mid_stream_and_restarted_loses_nothing_and_repeats_only_what_was_in_flight()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var seeded = h.Aws.Seed(["us-east-1"], 600);
        var partition = new PartitionKey(AwsWorld.Account, "us-east-1");
        await h.StartWorkerAsync("us-east-1", "Source:ChunkSpan=06:00:00");

        await Wait.UntilAsync(async () => h.AcceptedEventIds().Count >= 200 && (await h.Store.ReadAsync(partition, default)) is not null, "first run midway");
        await h.KillWorkerAsync();

        var firstRun = h.AcceptedEventIds();
        var survived = (await h.Store.ReadAsync(partition, default))!.Checkpoint;
        Assert.True(firstRun.Count < seeded.Count, "the kill should hit mid-stream");
        Assert.Equal(firstRun.Count, firstRun.Distinct().Count());
        // Accepted by the service but not covered by the surviving checkpoint: the batch in flight at the kill.
        var inFlight = firstRun.Count - (int)survived.EventsDelivered;
        Assert.True(inFlight >= 0, $"the checkpoint counts {survived.EventsDelivered} events but only {firstRun.Count} were accepted");

        await h.StartWorkerAsync("us-east-1", "Source:ChunkSpan=06:00:00");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Distinct().Count() >= seeded.Count, "everything delivered after the restart", seconds: 90);
        await Wait.UntilAsync(async () => (await h.Store.ReadAsync(partition, default))!.Checkpoint.ChunkEnd is null, "caught up");
        await h.StopWorkerAsync();

        var all = h.AcceptedEventIds();
        var secondRun = all.Skip(firstRun.Count).ToList();
        Assert.Equal(secondRun.Count, secondRun.Distinct().Count());
        Assert.Empty(seeded.Select(e => e.EventId).Except(all));
        var repeated = secondRun.Intersect(firstRun).Count();
        Assert.True(repeated <= inFlight, $"{repeated} events sent twice, but only {inFlight} were in flight at the kill");
        Assert.Equal(seeded.Count + repeated, all.Count);
    }

    [Fact]
    public async Task Graceful_stop_flushes_and_commits_so_a_restart_repeats_nothing()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var seeded = h.Aws.Seed(["eu-west-1"], 400);
        var partition = new PartitionKey(AwsWorld.Account, "eu-west-1");
        await h.StartWorkerAsync("eu-west-1", "Source:ChunkSpan=06:00:00");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Count >= 100, "first run midway");
        await h.StopWorkerAsync();

        var firstRun = h.AcceptedEventIds();
        var committed = (await h.Store.ReadAsync(partition, default))!.Checkpoint;
        // Everything the service accepted before the stop is covered by the final checkpoint.
        Assert.True(firstRun.Count == committed.EventsDelivered,
            $"accepted {firstRun.Count}, the final checkpoint covers {committed.EventsDelivered}; the worker logged:\n{h.Logs}");

        await h.StartWorkerAsync("eu-west-1", "Source:ChunkSpan=06:00:00");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Count >= seeded.Count, "the rest after the restart", seconds: 90);
        await h.StopWorkerAsync();
        var all = h.AcceptedEventIds();
        Assert.Equal(seeded.Count, all.Count);
        Assert.Equal(seeded.Select(e => e.EventId).Order(), all.Order());
    }
}
