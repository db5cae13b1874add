using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SentinelAwsIac.Connector.Telemetry;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

/// <summary>
/// Metrics and traces behind one switch (Telemetry:ConnectionString, the stack's workerTelemetry): on, the worker's
/// counters per partition and the HTTP client's spans and durations of every call are collected for the Azure
/// Monitor exporter (an in-memory exporter beside it shows what it was handed); off, no provider exists at all.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    // A well-formed connection string whose endpoint nothing listens on: the Azure Monitor exporter is built and
    // fails to send, which does not concern the worker.
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-0000000000aa;IngestionEndpoint=https://127.0.0.1:9/";

    private static (Exported<Metric> Metrics, Exported<Activity> Spans) Collect(WorkerHarness h)
    {
        var metrics = new Exported<Metric>();
        var spans = new Exported<Activity>();
        h.AlsoConfigure = builder =>
        {
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            builder.Services.Configure<AzureMonitorExporterOptions>(o =>
            {
                o.DisableOfflineStorage = true;
                // The exporter samples traces (rate-limited by default); the test wants each span the worker made.
                o.TracesPerSecond = null;
                o.SamplingRatio = 1.0F;
            });
        };
        return (metrics, spans);
    }

    [Fact]
    public async Task With_a_connection_string_the_counters_per_partition_and_the_HTTP_spans_are_exported()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var seeded = h.Aws.Seed(["us-east-1", "eu-west-1"], 25);
        var (metrics, spans) = Collect(h);
        var app = await h.StartWorkerAsync("us-east-1,eu-west-1", $"{WorkerSettings.TelemetryConnectionString}={ConnectionString}");
        await Wait.UntilAsync(async () => (await h.Store.ListAsync(default)).Count == 2
            && (await h.Store.ListAsync(default)).All(c => c.Checkpoint.EventsDelivered == 25), "both partitions checkpointed");
        // The flush reports false here: the Azure Monitor exporter cannot reach its endpoint. The in-memory one got it all.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);
        app.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        await h.StopWorkerAsync();

        // Cumulative counters: the newest export of each partition's count.
        var ingested = Points(metrics, "connector.events.ingested");
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
            Assert.Equal(25, ingested.Last(p => Tag(p, "partition") == $"{AwsWorld.Account}/{region}").GetSumLong());
        Assert.Contains(Points(metrics, "connector.lookup.requests"), p => p.GetSumLong() > 0);
        Assert.Contains(metrics.Snapshot(), m => m.Name == "connector.lag");

        // .NET's HTTP client metrics: durations with status code and server, here 200s from the emulators.
        var durations = Points(metrics, "http.client.request.duration");
        Assert.Contains(durations, p => Tag(p, "http.response.status_code") == "200");
        Assert.Contains(durations, p => Tag(p, "server.address") == h.Ingestion.Endpoint.Host);

        // A client span per call: LookupEvents (and AssumeRole) to the AWS emulators, the uploads, the checkpoint blobs.
        // The exporter may still be handing over the last spans: wait for them, not for a fixed time.
        var ingestionHost = h.Ingestion.Endpoint.GetLeftPart(UriPartial.Authority);
        await Wait.UntilAsync(() => spans.Snapshot().Any(s => s.Kind == ActivityKind.Client && Url(s).StartsWith(ingestionHost, StringComparison.Ordinal)
            && s.GetTagItem("http.request.method") as string == "POST"), "a client span of an upload");
        var all = spans.Snapshot();
        Assert.Contains(all, s => s.Kind == ActivityKind.Client && Url(s).StartsWith("http://127.0.0.1", StringComparison.Ordinal) && s.GetTagItem("http.request.method") as string == "POST"
            && !Url(s).StartsWith(ingestionHost, StringComparison.Ordinal));
        // Query strings (SAS, API versions) are not recorded: .NET writes them as '*'.
        Assert.All(all, s => Assert.DoesNotContain("sig=", Url(s), StringComparison.Ordinal));
        var everything = string.Join("\n", all.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")));
        Assert.DoesNotContain(h.Aws.ExternalId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Aws.BrokerKey.SecretAccessKey, everything, StringComparison.Ordinal);
        Assert.Equal(seeded.Count, h.AcceptedEventIds().Distinct().Count());
    }

    [Fact]
    public async Task Without_a_connection_string_nothing_is_collected_and_no_provider_exists()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        h.Aws.Seed(["us-east-1"], 10);
        var (metrics, spans) = Collect(h);
        var app = await h.StartWorkerAsync("us-east-1");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Distinct().Count() == 10, "events delivered");
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<ConnectorMetrics>());
        await h.StopWorkerAsync();
        Assert.Empty(metrics.Snapshot());
        Assert.Empty(spans.Snapshot());
    }

    private static string Url(Activity span) => span.GetTagItem("url.full") as string ?? "";

    private static List<MetricPoint> Points(Exported<Metric> metrics, string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Snapshot().Where(m => m.Name == name))
            foreach (ref readonly var point in metric.GetMetricPoints()) points.Add(point);
        Assert.True(points.Count > 0, $"no {name} exported; exported: {string.Join(", ", metrics.Snapshot().Select(m => m.Name).Distinct())}");
        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }

    /// <summary>What an in-memory exporter was handed; it adds from the export thread while the test reads.</summary>
    private sealed class Exported<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public T[] Snapshot() { lock (_items) return [.. _items]; }

        public int Count { get { lock (_items) return _items.Count; } }

        public bool IsReadOnly => false;

        public void Add(T item) { lock (_items) _items.Add(item); }

        public void Clear() { lock (_items) _items.Clear(); }

        public bool Contains(T item) { lock (_items) return _items.Contains(item); }

        public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }

        public bool Remove(T item) { lock (_items) return _items.Remove(item); }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
