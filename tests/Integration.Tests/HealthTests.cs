using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Hosting;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

[Collection(WorkerCollection.Name)]
public sealed class HealthTests(AzuriteFixture azurite)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static bool HasRow(WorkerHarness h, string region, string state, DateTimeOffset after) => h.HealthRows().Any(r =>
        r.GetProperty("Region").GetString() == region && r.GetProperty("State").GetString() == state
        && r.GetProperty("TimeGenerated").GetDateTimeOffset() > after);

    /// <summary>What the operator sees (health rows and <c>status</c> read the same monitor); /healthz shows none of it.</summary>
    private static HealthReport Detail(WorkerHarness h) => h.App!.Services.GetRequiredService<HealthMonitor>().Report();

    /// <summary>/healthz answers an anonymous caller with its status alone: no account, region, partition, lag or time.</summary>
    private static async Task<(HttpStatusCode Code, string Status)> StatusOnlyAsync(WorkerHarness h, params string[] neverShown)
    {
        using var response = await Http.GetAsync(h.HealthzUri);
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.True(body.EnumerateObject().Select(p => p.Name).SequenceEqual(["status"]), $"/healthz should answer only its status: {text}");
        foreach (var secret in neverShown)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
        return (response.StatusCode, body.GetProperty("status").GetString()!);
    }

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
        var (code, status) = await StatusOnlyAsync(h, AwsWorld.Account, "me-south-1", "us-east-1", HealthTable.States.Parked);
        Assert.Equal((HttpStatusCode.OK, HealthEndpoint.Healthy), (code, status));
        var detail = Detail(h);
        Assert.Equal(2, detail.Partitions.Count);
        Assert.Contains(detail.Partitions, p => p.State == HealthTable.States.Parked);
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
        await Wait.UntilAsync(() => Detail(h).Problems.Any(p => p.Contains("Logs Ingestion sink has been failing")), "the sink's own problem once it has failed for StallAfter");
        var (code, status) = await StatusOnlyAsync(h, h.Aws.ExternalId, AwsWorld.Account, "us-east-1", "sink", "403");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HealthEndpoint.Unhealthy), (code, status));
        Assert.Equal(SinkState.Failing, Detail(h).Sink!.State);

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
        var (code, status) = await StatusOnlyAsync(h, AwsWorld.Account, "eu-west-1");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HealthEndpoint.Unhealthy), (code, status));
        Assert.Equal([$"{AwsWorld.Account}/eu-west-1"], Detail(h).Partitions.Where(p => p.Stalled).Select(p => p.Partition.ToString()).ToArray());
        var failing = h.HealthRows().Last(r => r.GetProperty("Region").GetString() == "eu-west-1");
        Assert.Equal(HealthTable.States.Failing, failing.GetProperty("State").GetString());
        Assert.Contains("emulated outage", failing.GetProperty("LastError").GetString());
        Assert.True(HasRow(h, "us-east-1", HealthTable.States.Running, stoppedAt), "the healthy partition kept reporting running");
        await h.StopWorkerAsync();
    }
}
