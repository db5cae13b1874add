using SentinelAwsIac.Tests.Shared;
using SentinelAwsIac.Contracts;
using System.Net;
using System.Text.Json;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Integration.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

[Collection(WorkerCollection.Name)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static bool HasRow(WorkerHarness h, string region, string state, DateTimeOffset after) => h.HealthRows().Any(r =>
        r.GetProperty("Region").GetString() == region && r.GetProperty("State").GetString() == state
        && r.GetProperty("TimeGenerated").GetDateTimeOffset() > after);

    [Fact]
    public async Task Opted_out_region_is_parked_while_the_others_run_and_healthz_stays_healthy()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        h.Aws.CloudTrail.DisableRegion(AwsWorld.Account, "me-south-1");
        h.Aws.Seed(["us-east-1"], 40);
        await h.StartWorkerAsync("us-east-1,me-south-1", "Health:StallAfter=00:00:05");
        var started = DateTimeOffset.UtcNow;

        await Wait.UntilAsync(() => HasRow(h, "me-south-1", HealthTable.States.Parked, started), "a parked row for the opted-out region");
        await Wait.UntilAsync(() => HasRow(h, "us-east-1", HealthTable.States.Running, started), "a running row for the open region");
        var parked = h.HealthRows().Last(r => r.GetProperty("Region").GetString() == "me-south-1");
        Assert.Contains("not enabled", parked.GetProperty("LastError").GetString());
        Assert.Equal($"{AwsWorld.Account}/me-south-1", parked.GetProperty("Partition").GetString());
        Assert.Equal(AwsWorld.Account, parked.GetProperty("AccountId").GetString());

        // A parked partition never makes /healthz fail, even past Health:StallAfter; the open one keeps advancing.
        await Wait.UntilAsync(() => DateTimeOffset.UtcNow > started.AddSeconds(7), "past StallAfter");
        using var response = await Http.GetAsync(h.HealthzUri);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/healthz answered {(int)response.StatusCode}: {text}");
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("partitions").GetArrayLength());
        Assert.Contains(body.GetProperty("partitions").EnumerateArray(), p => p.GetProperty("state").GetString() == HealthTable.States.Parked);
        await h.StopWorkerAsync();
    }

    [Fact]
    public async Task Sink_refusing_with_403_shows_failing_rows_and_healthz_503_once_it_lasts()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        h.Aws.Seed(["us-east-1"], 60);
        // Every upload is refused (the role assignment is missing) until the faults run out.
        h.Ingestion.InjectFaults(100_000, new InjectedFault(403));
        await h.StartWorkerAsync("us-east-1", "Health:StallAfter=00:00:03");

        // The partition, whose rows are never acknowledged, may be reported stalled first; wait for the sink's own problem.
        await Wait.UntilAsync(async () =>
        {
            using var r = await Http.GetAsync(h.HealthzUri);
            return r.StatusCode == HttpStatusCode.ServiceUnavailable && (await r.Content.ReadAsStringAsync()).Contains("Logs Ingestion sink");
        }, "/healthz failing once the sink has failed for StallAfter");
        using (var response = await Http.GetAsync(h.HealthzUri))
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("failing", body.GetProperty("sink").GetProperty("state").GetString());
            Assert.Contains(body.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("Logs Ingestion sink has been failing"));
            Assert.DoesNotContain(h.Aws.ExternalId, body.GetRawText());
        }

        // The health rows written while refused reach the table once the refusals stop (as when the assignment applies).
        var refusedSince = DateTimeOffset.UtcNow;
        h.Ingestion.ClearFaults();
        await Wait.UntilAsync(() => h.HealthRows().Any(r => r.GetProperty("State").GetString() == HealthTable.States.Failing
            && r.GetProperty("LastError").GetString()!.Contains("403")), "a failing health row naming the 403");
        await Wait.UntilAsync(() => HasRow(h, "us-east-1", HealthTable.States.Running, refusedSince.AddSeconds(1)), "running again after the refusals stop");
        await h.StopWorkerAsync();
        Assert.Equal(60, h.AcceptedEventIds().Distinct().Count());
    }

    [Fact]
    public async Task Stopped_data_flow_shows_failing_rows_and_healthz_names_the_stalled_partition()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        h.Aws.Seed(["us-east-1", "eu-west-1"], 30);
        await h.StartWorkerAsync("us-east-1,eu-west-1", "Health:StallAfter=00:00:06");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Count >= 60, "both partitions delivered");
        using (var healthy = await Http.GetAsync(h.HealthzUri))
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);

        // CloudTrail stops answering for one partition: every call fails with a server error from now on.
        var stoppedAt = DateTimeOffset.UtcNow;
        h.Aws.CloudTrail.InjectFaults(AwsWorld.Account, "eu-west-1", 100_000, 500, "InternalFailure", "emulated outage");
        await Wait.UntilAsync(() => HasRow(h, "eu-west-1", HealthTable.States.Failing, stoppedAt), "a failing row for the stopped partition");
        await Wait.UntilAsync(async () =>
        {
            using var r = await Http.GetAsync(h.HealthzUri);
            return r.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "/healthz 503 for the stalled partition");
        using (var response = await Http.GetAsync(h.HealthzUri))
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal([$"{AwsWorld.Account}/eu-west-1"], body.GetProperty("stalled").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }
        var failing = h.HealthRows().Last(r => r.GetProperty("Region").GetString() == "eu-west-1");
        Assert.Equal(HealthTable.States.Failing, failing.GetProperty("State").GetString());
        Assert.Contains("emulated outage", failing.GetProperty("LastError").GetString());
        Assert.True(HasRow(h, "us-east-1", HealthTable.States.Running, stoppedAt), "the healthy partition kept reporting running");
        await h.StopWorkerAsync();
    }
}
