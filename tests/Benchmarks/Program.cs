using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SentinelAwsIac.Benchmarks;

// The benchmark: the connector's real components against the emulators at the real limits. Progress goes to
// stderr; the last line on stdout is one JSON object with the figures (docs/performance.md explains each one).
if (await DeployedRuntime.RelaunchIfNeededAsync(args) is { } relaunchedExitCode) return relaunchedExitCode;

BenchmarkOptions options;
try { options = BenchmarkOptions.Parse(DeployedRuntime.WithoutFlag(args)); }
catch (ArgumentException e) { Console.Error.WriteLine(e.Message); return 2; }

if (options.ServeEmulators) return await EmulatorServer.RunAsync(options);

// Warnings and errors only (throttling, retries, failures), to stderr.
using var loggers = LoggerFactory.Create(b => b
    .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
    .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; })
    .SetMinimumLevel(LogLevel.Warning));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;

var loadBefore = LoadAverage.Read();
var live = options.Rate > 0;
Console.Error.WriteLine($"bench: P={options.Partitions} S={options.Seconds} warm-up={options.WarmupSeconds} " +
    (live ? $"live feed {options.Rate}/s per partition" : $"backlog {options.BacklogPerPartition} events per partition") +
    $", emulators {(options.InProcess ? "in process" : "in a child process")}; load average {loadBefore}");

IEmulatorControl emulators = options.InProcess
    ? new InProcessEmulators(await EmulatorSet.StartAsync(options, ct))
    : await ChildProcessEmulators.StartAsync(options, ct);
var result = new Dictionary<string, object?>();
double peakRss;
{
    await using var _ = emulators;
    var info = emulators.Info;
    Console.Error.WriteLine($"bench: emulators ready (seeded {info.SeededEventsPerPartition} events per partition in {info.SeedSeconds:0.0} s)");
    await using var sampler = new ResourceSampler();
    var connector = new ConnectorUnderTest(options, info, loggers);
    await using (connector)
    {
        var meter = new DeliveryMeter(connector.Sink);
        if (live) await emulators.StartFeedAsync(ct);
        var startedAt = Stopwatch.GetTimestamp();
        connector.Start();
        await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), ct);
        var a = await meter.NextBurstAsync(TimeSpan.FromSeconds(120), ct);
        var emulatorsA = await emulators.StatsAsync(ct);
        var sinkA = connector.Sink.Counters.Snapshot();
        var deadline = a.Timestamp + (long)(options.Seconds * Stopwatch.Frequency);
        var bursts = await meter.BurstsUntilAsync(a, deadline, ct);
        var b = bursts[^1];
        var windowEnd = DateTimeOffset.UtcNow;
        var cpuAtDeadline = ProcessCpu.Seconds();
        var emulatorsB = await emulators.StatsAsync(ct);
        var sinkB = connector.Sink.Counters.Snapshot();
        if (live)
        {
            // Let events that became visible before the end of the interval reach their acknowledgement.
            var drain = options.SettleSeconds + options.PollSeconds + connector.SinkOptions.FlushInterval.TotalSeconds + 5;
            Console.Error.WriteLine($"bench: interval over; {drain:0} s for the last events' acknowledgements");
            await Task.Delay(TimeSpan.FromSeconds(drain), ct);
        }
        await connector.StopAsync();
        var sinkEnd = connector.Sink.Counters.Snapshot();
        peakRss = ProcessMemory.PeakRssMegabytes();
        var emulatorsEnd = await emulators.StatsAsync(ct);

        var seconds = Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds;
        var events = b.Delivered - a.Delivered;
        var eventsPerSecond = seconds > 0 ? events / seconds : 0;
        var fitted = DeliveryMeter.Rate(bursts);
        var ceiling = options.Partitions * Ceiling.EventsPerSecondPerPartition;
        var cpuSeconds = b.CpuSeconds - a.CpuSeconds;
        var windowSeconds = Stopwatch.GetElapsedTime(a.Timestamp, deadline).TotalSeconds;
        var emulatorCpu = emulatorsB.CpuSeconds - emulatorsA.CpuSeconds;

        result["partitions"] = options.Partitions;
        result["mode"] = live ? "live" : "backlog";
        result["events"] = events;
        result["seconds"] = Math.Round(seconds, 3);
        result["events_per_second"] = Math.Round(eventsPerSecond, 1);
        result["ceiling_events_per_second"] = ceiling;
        result["ratio"] = Math.Round(eventsPerSecond / ceiling, 4);
        if (live)
        {
            result["offered_events_per_second"] = options.Partitions * options.Rate;
            result["delivered_over_offered"] = Math.Round(eventsPerSecond / (options.Partitions * options.Rate), 4);
        }
        result["cpu_seconds"] = Math.Round(cpuSeconds, 3);
        result["acknowledgement_bursts"] = bursts.Count;
        result["events_per_second_fit"] = fitted is { } f ? Math.Round(f, 1) : null;
        // Read side, exact: events the CloudTrail emulator returned per second over the same interval.
        result["read_events_per_second"] = Math.Round((emulatorsB.CloudTrailEventsReturned - emulatorsA.CloudTrailEventsReturned) / windowSeconds, 1);
        result["read_ratio"] = Math.Round((emulatorsB.CloudTrailEventsReturned - emulatorsA.CloudTrailEventsReturned) / windowSeconds / ceiling, 4);
        result["cpu_us_per_event"] = eventsPerSecond > 0 ? Math.Round(cpuSeconds * 1e6 / (eventsPerSecond * seconds), 1) : null;
        result["cpu_cores_used"] = seconds > 0 ? Math.Round(cpuSeconds / seconds, 3) : null;
        result["emulators_in_process"] = !emulators.Separate;
        if (emulators.Separate)
        {
            result["emulator_cpu_seconds"] = Math.Round(emulatorCpu, 3);
            result["emulator_cpu_us_per_event"] = eventsPerSecond > 0 ? Math.Round(emulatorCpu * 1e6 / (eventsPerSecond * windowSeconds), 1) : null;
            result["emulator_peak_rss_mb"] = Math.Round(emulatorsEnd.PeakRssMegabytes, 1);
        }
        result["peak_rss_mb"] = Math.Round(peakRss, 1);
        result["upload_requests"] = sinkEnd.UploadRequests;
        result["upload_requests_in_interval"] = sinkB.UploadRequests - sinkA.UploadRequests;
        result["mean_upload_bytes"] = sinkEnd.UploadRequests > 0 ? Math.Round((double)sinkEnd.UncompressedBytes / sinkEnd.UploadRequests) : 0;
        result["mean_upload_wire_bytes"] = sinkEnd.UploadRequests > 0 ? Math.Round((double)sinkEnd.UploadedBytes / sinkEnd.UploadRequests) : 0;
        result["status_413"] = sinkEnd.Status413;
        result["status_429"] = sinkEnd.Status429;
        result["status_5xx"] = sinkEnd.Status5xx;
        result["upload_retries"] = sinkEnd.Retries;
        result["dead_letters"] = sinkEnd.DeadLetters;
        result["lookup_requests"] = emulatorsEnd.CloudTrailRequests;
        result["lookup_requests_per_second_per_partition"] = Math.Round((emulatorsB.CloudTrailRequests - emulatorsA.CloudTrailRequests) / windowSeconds / options.Partitions, 3);
        result["throttled_lookups"] = emulatorsEnd.CloudTrailThrottles;
        result["flush_interval_ms"] = connector.SinkOptions.FlushInterval.TotalMilliseconds;
        result["upload_concurrency"] = connector.SinkOptions.MaxConcurrency;
        result["compression_level"] = connector.SinkOptions.CompressionLevel.ToString();

        var gc = GC.GetGCMemoryInfo();
        result["allocated_mb"] = Math.Round(GC.GetTotalAllocatedBytes() / 1048576.0, 1);
        result["sampled_max_rss_mb"] = Math.Round(sampler.MaxRssMegabytes, 1);
        result["sampled_max_managed_heap_mb"] = Math.Round(sampler.MaxManagedHeapMegabytes, 1);
        result["sampled_max_threads"] = sampler.MaxThreads;
        result["gc_counts"] = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        result["gc_heap_mb_after_last_gc"] = Math.Round(gc.HeapSizeBytes / 1048576.0, 1);
        result["gc_committed_mb"] = Math.Round(gc.TotalCommittedBytes / 1048576.0, 1);
        if (connector.Stages is { } stages) result["stages"] = stages.Report();
        if (connector.Probe is { } probe)
        {
            var from = a.Wall.UtcTicks;
            var to = windowEnd.UtcTicks;
            var inWindow = probe.Samples().Where(s => s.Visible >= from && s.Visible <= to).ToList();
            var acked = inWindow.Where(s => Interlocked.Read(ref s.Acked) != 0).ToList();
            var endToEnd = acked.Select(s => (s.Acked - s.Visible) / (double)TimeSpan.TicksPerMillisecond).Order().ToArray();
            var sinkWait = acked.Select(s => (s.Acked - s.Sent) / (double)TimeSpan.TicksPerMillisecond).Order().ToArray();
            result["latency_samples"] = acked.Count;
            result["latency_unacknowledged"] = inWindow.Count - acked.Count;
            result["latency_p50_ms"] = Percentile(endToEnd, 0.50);
            result["latency_p99_ms"] = Percentile(endToEnd, 0.99);
            result["latency_max_ms"] = endToEnd.Length > 0 ? Math.Round(endToEnd[^1]) : null;
            result["sink_wait_p50_ms"] = Percentile(sinkWait, 0.50);
            result["sink_wait_p99_ms"] = Percentile(sinkWait, 0.99);
            result["sink_wait_max_ms"] = sinkWait.Length > 0 ? Math.Round(sinkWait[^1]) : null;
            result["settle_delay_s"] = options.SettleSeconds;
            result["poll_interval_s"] = options.PollSeconds;
            result["feed_late_events"] = emulatorsEnd.FeedLate;
        }
    }
}

Console.Error.WriteLine("bench: measuring map + serialize + gzip in process");
var micro = MapSerializeGzipProbe.Measure(options.MicroEvents, options.Seed);
result["map_serialize_gzip_us_per_event"] = Math.Round(micro.MapSerializeGzipMicroseconds, 2);
result["map_us_per_event"] = Math.Round(micro.MapMicroseconds, 2);
result["serialize_gzip_us_per_event"] = Math.Round(micro.SerializeGzipMicroseconds, 2);
result["mean_record_bytes"] = Math.Round(micro.MeanRecordBytes);
result["mean_row_bytes"] = Math.Round(micro.MeanRowBytes);
result["gzip_ratio"] = Math.Round(micro.CompressionRatio, 2);
var source = await SourceCostProbe.MeasureAsync(Math.Max(100, options.MicroEvents / 50), options.Seed);
result["parse_us_per_event"] = Math.Round(source.ParseMicrosecondsPerEvent, 2);
result["sigv4_us_per_request"] = Math.Round(source.SignMicrosecondsPerRequest, 1);
result["page_bytes"] = Math.Round(source.PageBytes);
result["cores"] = Environment.ProcessorCount;
result["gc"] = $"server={System.Runtime.GCSettings.IsServerGC} concurrent={AppContext.GetData("System.GC.Concurrent") ?? "default"} " +
    $"conserve={AppContext.GetData("System.GC.ConserveMemory") ?? Environment.GetEnvironmentVariable("DOTNET_GCConserveMemory") ?? "0"} " +
    $"gen0size={Environment.GetEnvironmentVariable(SentinelAwsIac.Contracts.WorkerSettings.GcGen0BudgetVariable) ?? "default"} " +
    $"tieredPgo={AppContext.GetData("System.Runtime.TieredPGO") ?? Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default"}";
result["load_average_before"] = loadBefore;
result["load_average_after"] = LoadAverage.Read();
Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));
return 0;

static double? Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? null : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)]);
