using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

/// <summary>A host that stops while its uploads fail ends cleanly and loses nothing: the rows stay unacknowledged and
/// the next run delivers them.</summary>
[Collection(WorkerCollection.Name)]
public sealed class ShutdownTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Stopped_while_the_network_fails_its_uploads_the_host_ends_without_an_exception_and_a_restart_loses_nothing()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var seeded = h.Aws.Seed(["us-east-1"], 300);
        var partition = new PartitionKey(AwsWorld.Account, "us-east-1");
        await h.StartWorkerAsync("us-east-1", "Source:ChunkSpan=06:00:00");
        h.Network.HoldUploads = true;

        // Every upload (events and health) now hangs; when the stop cancels it, its connection fails instead of
        // answering. The platform gives the stopping host 2 s (as after SIGTERM), so the sink's stop cuts the uploads.
        await h.Network.FirstHeld.WaitAsync(TimeSpan.FromSeconds(60));
        var acceptedBeforeStop = h.AcceptedEventIds().Count;
        await h.StopWorkerAsync(grace: TimeSpan.FromSeconds(2)); // throws if stop or dispose throws

        Assert.True(h.Network.Held >= 1);
        var firstRun = h.AcceptedEventIds();
        Assert.Equal(acceptedBeforeStop, firstRun.Count); // nothing got through a held upload
        var survived = (await h.Store.ReadAsync(partition, default))?.Checkpoint;
        Assert.True((survived?.EventsDelivered ?? 0) <= firstRun.Count, "the checkpoint may cover only rows the service accepted");

        await h.StartWorkerAsync("us-east-1", "Source:ChunkSpan=06:00:00");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Distinct().Count() >= seeded.Count, "everything delivered after the restart", seconds: 90);
        await h.StopWorkerAsync();

        var all = h.AcceptedEventIds();
        Assert.Empty(seeded.Select(e => e.EventId).Except(all));
        // Repeats are bounded by what the first run delivered beyond its checkpoint.
        var repeated = all.Count - all.Distinct().Count();
        Assert.True(repeated <= firstRun.Count - (int)(survived?.EventsDelivered ?? 0), $"{repeated} events sent twice");
    }
}
