using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Reads a time range of one partition page by page: LookupEvents (under the partition's <see cref="RateGate"/>; throttling
/// and server faults retried with the same request, NextToken included) → dedupe by EventId → <see cref="IRecordMapper"/>
/// → <see cref="ISink"/> with a per-row acknowledgement of the page (a record that cannot be mapped goes to the
/// dead-letter queue). After each page the state's checkpoint is queued behind its rows.
/// </summary>
internal sealed class PageReader
{
    /// <summary>How long a page already read may keep going to the sink after shutdown began.</summary>
    private static readonly TimeSpan PageFinishTimeout = TimeSpan.FromSeconds(5);

    private readonly PartitionKey _partition;
    private readonly ILookupEventsClient _client;
    private readonly IRecordMapper _mapper;
    private readonly ISink _sink;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly int _pageSize;
    private readonly PartitionTracker _status;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _writer;
    private readonly RateGate _gate;
    private readonly Backoff _serviceBackoff, _connectionBackoff;

    public PageReader(PartitionKey partition, ILookupEventsClient client, IRecordMapper mapper, ISink sink, IDeadLetterQueue deadLetters,
        SourceOptions options, PartitionTracker status, ILogger logger, TimeProvider time, string writer)
    {
        _partition = partition;
        _client = client;
        _mapper = mapper;
        _sink = sink;
        _deadLetters = deadLetters;
        _pageSize = options.PageSize;
        _status = status;
        _logger = logger;
        _time = time;
        _writer = writer;
        _gate = new RateGate(options.RequestsPerSecond, time);
        // LookupEvents throttling and 5xx: 0.5 s doubling to 20 s, as the AWS SDKs do. A connection that failed: 1 s
        // doubling to 30 s (docs/facts.md "Retries and backoff").
        _serviceBackoff = new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20), time, Random.Shared);
        _connectionBackoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), time, Random.Shared);
    }

    /// <summary>Reads [from, to] page by page; after each page the state's checkpoint is queued behind its rows. A chunk
    /// read (not a sweep) records in <see cref="ReadState.Chunk"/> the oldest second delivered so far.</summary>
    public async Task ReadRangeAsync(ReadState state, CheckpointCommitter committer, DateTimeOffset from, DateTimeOffset to, bool isSweep, CancellationToken ct)
    {
        var request = new LookupEventsRequest { StartTime = from, EndTime = to, MaxResults = _pageSize };
        while (true)
        {
            var response = await CallAsync(request, ct).ConfigureAwait(false);
            var page = committer.Begin();
            DateTimeOffset? oldest = null;
            // A page read is handed to the sink whole even when shutdown begins meanwhile, so the shutdown's final commit
            // covers it; only a sink that stays full for PageFinishTimeout after the stop cuts a page short.
            using var pageToken = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
            using var onStop = ct.Register(static t => ((CancellationTokenSource)t!).CancelAfter(PageFinishTimeout), pageToken);
            foreach (var e in response.Events)
            {
                if (oldest is null || e.EventTime < oldest) oldest = e.EventTime;
                if (!state.Seen.TryAdd(e.EventId, e.EventTime)) continue;
                state.EventsDelivered++;
                if (state.NewestEventTime is null || e.EventTime > state.NewestEventTime) state.NewestEventTime = e.EventTime;
                await DeliverAsync(e, page, pageToken.Token).ConfigureAwait(false);
            }
            if (!isSweep && oldest is { } o && state.Chunk is { } c)
                state.Chunk = c with { DeliveredFrom = c.DeliveredFrom is { } d && d < o ? d : o };
            // The last page's rows join the checkpoint the caller commits once the range is complete.
            page.Seal(state.Snapshot(_time.GetUtcNow(), _writer));
            if (response.NextToken is null) return;
            request = new LookupEventsRequest { StartTime = from, EndTime = to, MaxResults = _pageSize, NextToken = response.NextToken };
        }
    }

    private async Task DeliverAsync(CloudTrailEvent e, CheckpointCommitter.Page page, CancellationToken ct)
    {
        MapResult mapped;
        try { mapped = _mapper.Map(e); }
        catch (Exception ex) { mapped = MapResult.Failure($"mapper threw {ex.GetType().Name}: {ex.Message}"); }
        if (mapped.IsSuccess)
        {
            await _sink.SendAsync(new SinkRecord(_partition, mapped.Row!, new CountingAck(page.Ack(), _status)), ct).ConfigureAwait(false);
            return;
        }
        // A record that cannot be mapped is kept with its reason and counts as delivered (the dead-letter store counts it).
        await _deadLetters.WriteAsync(new DeadLetterEntry(_partition, "map", mapped.FailureReason ?? "unknown", e.CloudTrailEventJson, _time.GetUtcNow()), ct).ConfigureAwait(false);
    }

    private sealed class CountingAck(IDeliveryAck inner, PartitionTracker status) : IDeliveryAck
    {
        private int _done;
        public void Delivered()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return; // a sink that acknowledges twice must not skew the count
            status.Delivered();
            inner.Delivered();
        }
    }

    /// <summary>One LookupEvents call under the rate gate; throttling and server faults are retried with the same request.</summary>
    private async Task<LookupEventsResponse> CallAsync(LookupEventsRequest request, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            _status.Request();
            try
            {
                var response = await _client.LookupEventsAsync(request, ct).ConfigureAwait(false);
                _status.ReadSucceeded(afterRetries: attempt > 0);
                return response;
            }
            catch (CloudTrailServiceException ex) when (ex.IsTransient)
            {
                if (ex.IsThrottling) { _status.Throttled(); _status.SetState(PartitionState.Throttled); }
                else { _status.Error(ex.Message); }
                var backoff = _serviceBackoff.Delay(attempt);
                _gate.Defer(backoff);
                if (attempt >= 3) _logger.LogWarning("Partition {Partition}: {ErrorType} on attempt {Attempt}, backing off {Backoff}", _partition, ex.ErrorType, attempt + 1, backoff);
            }
            catch (CloudTrailServiceException ex) when (ex.MayBeDisabledRegion)
            {
                throw new PartitionParkedException(
                    $"Region {_partition.Region} refused the reader role's session ({ex.ErrorType}: {ex.ServiceMessage}). AWS answers so when the region is not " +
                    "enabled for the account (opt-in regions): enable it in the account, or remove it from Source:Regions. If every partition is parked, the credentials are wrong.", ex);
            }
            catch (HttpRequestException ex)
            {
                _status.Error(ex.Message);
                var backoff = _connectionBackoff.Delay(attempt);
                _gate.Defer(backoff);
                if (attempt >= 5) throw;
            }
        }
    }
}
