using System.Diagnostics;
using Azure;
using Azure.Core;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// <c>--stages</c>: wall time per stage, to find where a partition loses its 500 ms cycle (dotnet-counters is not
/// available here). Decorators around the connector's interfaces time each call; they add two Stopwatch reads per call.
/// </summary>
public sealed class StageTimers
{
    public sealed class Stage
    {
        private long _count, _ticks, _max;

        public void Add(long ticks)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, ticks);
            long max;
            while (ticks > (max = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, ticks, max) != max) { }
        }

        public object Report(double unit) => new
        {
            count = Interlocked.Read(ref _count),
            mean = _count == 0 ? 0 : Math.Round(Interlocked.Read(ref _ticks) / (double)_count / Stopwatch.Frequency * unit, 2),
            max = Math.Round(Interlocked.Read(ref _max) / (double)Stopwatch.Frequency * unit, 2),
            total_s = Math.Round(Interlocked.Read(ref _ticks) / (double)Stopwatch.Frequency, 3),
        };
    }

    public Stage Lookup { get; } = new();
    public Stage LookupCycle { get; } = new();
    public Stage Map { get; } = new();
    public Stage SinkSend { get; } = new();
    public Stage Upload { get; } = new();

    public object Report() => new
    {
        lookup_call_ms = Lookup.Report(1e3),
        lookup_cycle_ms = LookupCycle.Report(1e3),
        map_us = Map.Report(1e6),
        sink_send_us = SinkSend.Report(1e6),
        upload_ms = Upload.Report(1e3),
    };

    public ILookupEventsClient Wrap(ILookupEventsClient inner) => new TimedLookupClient(inner, this);
    public IRecordMapper Wrap(IRecordMapper inner) => new TimedMapper(inner, this);
    public ISink Wrap(ISink inner) => new TimedSink(inner, this);

    private sealed class TimedLookupClient(ILookupEventsClient inner, StageTimers timers) : ILookupEventsClient
    {
        private long _lastStart;

        public async Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
        {
            var start = Stopwatch.GetTimestamp();
            if (_lastStart != 0) timers.LookupCycle.Add(start - _lastStart);
            _lastStart = start;
            try { return await inner.LookupEventsAsync(request, cancellationToken).ConfigureAwait(false); }
            finally { timers.Lookup.Add(Stopwatch.GetTimestamp() - start); }
        }
    }

    private sealed class TimedMapper(IRecordMapper inner, StageTimers timers) : IRecordMapper
    {
        public MapResult Map(CloudTrailEvent record)
        {
            var start = Stopwatch.GetTimestamp();
            try { return inner.Map(record); }
            finally { timers.Map.Add(Stopwatch.GetTimestamp() - start); }
        }
    }

    private sealed class TimedSink(ISink inner, StageTimers timers) : ISink
    {
        public async ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            try { await inner.SendAsync(record, cancellationToken).ConfigureAwait(false); }
            finally { timers.SinkSend.Add(Stopwatch.GetTimestamp() - start); }
        }

        public Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>A <see cref="LogsIngestionClient"/> that times each upload (request sent → answer read) for <c>--stages</c>.</summary>
public sealed class TimedLogsIngestionClient(Uri endpoint, TokenCredential credential, LogsIngestionClientOptions options, StageTimers.Stage stage)
    : LogsIngestionClient(endpoint, credential, options)
{
    public override async Task<Response> UploadAsync(string ruleId, string streamName, RequestContent content, string? contentEncoding = null, RequestContext? context = null)
    {
        var start = Stopwatch.GetTimestamp();
        try { return await base.UploadAsync(ruleId, streamName, content, contentEncoding, context).ConfigureAwait(false); }
        finally { stage.Add(Stopwatch.GetTimestamp() - start); }
    }
}
