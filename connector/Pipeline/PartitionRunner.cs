using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.Credentials;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Drains one partition (account × region): LookupEvents pages (rate-limited, 50 per page, newest first) →
/// <see cref="IRecordMapper"/> → <see cref="ISink"/> with a per-row <see cref="IDeliveryAck"/>; the checkpoint of a
/// page is written once it and every earlier page are delivered. Backs off on throttling without losing its place
/// (the same request, NextToken included, is retried); parks when the region answers as a disabled region does;
/// on a checkpoint conflict it stops and re-reads the checkpoint later.
/// </summary>
public sealed class PartitionRunner
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopping partition waits for the sink's flush and its last checkpoint write. The host's
    /// shutdown timeout (Hosting:ShutdownTimeout, default 30 s) must be longer.</summary>
    public static readonly TimeSpan ShutdownDrainTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long a page already read may keep going to the sink after shutdown began.</summary>
    private static readonly TimeSpan PageFinishTimeout = TimeSpan.FromSeconds(5);
    private readonly PartitionKey _partition;
    private readonly ILookupEventsClient _client;
    private readonly IRecordMapper _mapper;
    private readonly ISink _sink;
    private readonly ICheckpointStore _store;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly SourceOptions _options;
    private readonly PartitionTracker _status;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RateGate _gate;
    private readonly Backoff _failureBackoff, _serviceBackoff, _connectionBackoff;
    private readonly string _writer = $"{Environment.MachineName}/{Environment.ProcessId}";

    public PartitionRunner(PartitionKey partition, ILookupEventsClient client, IRecordMapper mapper, ISink sink, ICheckpointStore store,
        IDeadLetterQueue deadLetters, SourceOptions options, PartitionStatusRegistry status, ILogger<PartitionRunner> logger, TimeProvider? timeProvider = null)
    {
        _partition = partition;
        _client = client;
        _mapper = mapper;
        _sink = sink;
        _store = store;
        _deadLetters = deadLetters;
        _options = options;
        _status = status.For(partition);
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _gate = new RateGate(options.RequestsPerSecond, _time);
        // A failed run: 10 s doubling to ParkRetryInterval. LookupEvents throttling and 5xx: 0.5 s doubling to 20 s, as the
        // AWS SDKs do. A connection that failed: 1 s doubling to 30 s (docs/facts.md "Retries and backoff").
        var park = options.ParkRetryInterval > TimeSpan.Zero ? options.ParkRetryInterval : TimeSpan.FromSeconds(1);
        _failureBackoff = new Backoff(park < TimeSpan.FromSeconds(10) ? park : TimeSpan.FromSeconds(10), park, _time, Random.Shared);
        _serviceBackoff = new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20), _time, Random.Shared);
        _connectionBackoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), _time, Random.Shared);
    }

    public PartitionKey Partition => _partition;

    /// <summary>Runs until cancelled; parks, conflicts and failures are retried after a wait.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (PartitionParkedException ex)
            {
                failures = 0;
                _status.SetState(PartitionState.Parked);
                _status.Error(ex.Message);
                _logger.LogWarning("Partition {Partition} parked for {RetryIn}: {Reason}", _partition, _options.ParkRetryInterval, ex.Message);
                await DelayAsync(_options.ParkRetryInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (CheckpointConflictException ex)
            {
                _status.SetState(PartitionState.Failing);
                _status.Error(ex.Message);
                _logger.LogError("Partition {Partition} stopped: {Reason} It re-reads its checkpoint in {RetryIn}.", _partition, ex.Message, _options.ParkRetryInterval);
                await DelayAsync(_options.ParkRetryInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failures++;
                _status.SetState(PartitionState.Failing);
                _status.Error(ex.Message);
                var wait = _failureBackoff.Delay(failures - 1);
                if (IsExpected(ex))
                {
                    // An answer of AWS or Azure whose message names the cause and the fix: one line; the stack only at Debug.
                    _logger.LogError("Partition {Partition} failed ({Failures} in a row): {Reason} Retrying in {RetryIn}.",
                        _partition, failures, ex.Message, DurationText.Format(wait));
                    _logger.LogDebug(ex, "Partition {Partition}: the failure's stack", _partition);
                }
                else
                {
                    _logger.LogError(ex, "Partition {Partition} failed unexpectedly ({Failures} in a row); retrying in {RetryIn}.",
                        _partition, failures, DurationText.Format(wait));
                }
                await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        _status.SetState(PartitionState.Stopped);
    }

    /// <summary>Failures an operator meets in normal life (refused credentials, throttling, a service or network fault),
    /// whose messages already carry the cause and the fix; anything else is a defect and keeps its stack.</summary>
    internal static bool IsExpected(Exception ex) =>
        ex is AwsCredentialsException or CloudTrailServiceException or HttpRequestException or Azure.RequestFailedException
            or Azure.Identity.AuthenticationFailedException;

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try { await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(_partition, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        ReadState state;
        if (stored is null)
        {
            // First run: backfill BackfillDays (LookupEvents keeps 90 days; stay 5 minutes inside that edge).
            now = WholeSecond(now);
            var start = WholeSecond(_options.BackfillDays > 0 ? now.AddDays(-_options.BackfillDays) : now - _options.SettleDelay);
            var oldest = now.AddDays(-CloudTrailLimits.HistoryDays).AddMinutes(5);
            state = ReadState.Initial(start < oldest ? oldest : start);
            _logger.LogInformation("Partition {Partition} starts: no checkpoint, reading from {From:o}", _partition, state.Watermark);
        }
        else
        {
            state = ReadState.FromCheckpoint(stored.Checkpoint, _options.SettleDelay, _options.Overlap);
            _logger.LogInformation("Partition {Partition} resumes from checkpoint {Watermark:o} (chunk end {ChunkEnd:o}, delivered from {DeliveredFrom:o})",
                _partition, state.Watermark, state.Chunk?.End, state.Chunk?.DeliveredFrom);
        }
        _status.Begin();

        var committer = new CheckpointCommitter(_store, _partition, stored?.Version, _status, _logger, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = committer.RunAsync(stop.Token);
        var reader = ReadLoopAsync(state, committer, stop.Token);
        var first = await Task.WhenAny(reader, writer).ConfigureAwait(false);
        if (first == writer && writer.IsFaulted)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await reader.ConfigureAwait(false); } catch (OperationCanceledException) { }
            await writer.ConfigureAwait(false); // throws the conflict
        }
        try
        {
            await reader.ConfigureAwait(false);
        }
        finally
        {
            // Let rows already sent finish, so their checkpoint is written before the partition waits.
            if (!cancellationToken.IsCancellationRequested && !writer.IsFaulted)
            {
                using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                drain.CancelAfter(TimeSpan.FromSeconds(60));
                try { await committer.DrainAsync(drain.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
            else if (cancellationToken.IsCancellationRequested && !writer.IsFaulted)
            {
                // Shutdown: reading has stopped; upload what the sink holds, then commit every page whose rows are all
                // delivered (the page cut off mid-read stays open, so the next run reads it again).
                await stop.CancelAsync().ConfigureAwait(false);
                try { await writer.ConfigureAwait(false); } catch (OperationCanceledException) { }
                using var drain = new CancellationTokenSource(ShutdownDrainTimeout);
                try
                {
                    await _sink.FlushAsync(drain.Token).ConfigureAwait(false);
                    await committer.CommitDeliveredAsync(drain.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
                {
                    _logger.LogWarning("Partition {Partition}: shutdown could not deliver and commit everything within {Timeout}; the next run re-reads from the last checkpoint.", _partition, ShutdownDrainTimeout);
                }
                catch (CheckpointConflictException ex)
                {
                    _logger.LogWarning("Partition {Partition}: final checkpoint not written: {Reason}", _partition, ex.Message);
                }
            }
            await stop.CancelAsync().ConfigureAwait(false);
            try { await writer.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }

    private async Task ReadLoopAsync(ReadState state, CheckpointCommitter committer, CancellationToken ct)
    {
        var settle = _options.SettleDelay;
        var overlap = _options.Overlap;
        var progress = new BackfillProgress(state.Chunk?.From ?? state.Watermark, _time, _options.ProgressInterval);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            // Whole seconds, as LookupEvents takes them: every range edge is then exact.
            var now = WholeSecond(_time.GetUtcNow());
            if (state.Chunk is null)
            {
                // Sweep: the final read of seconds that are now SettleDelay + Overlap old.
                var sweepEnd = Min(state.Watermark, now - settle - overlap);
                if (sweepEnd - state.SweepFloor >= _options.PollInterval || (sweepEnd > state.SweepFloor && state.Watermark - state.SweepFloor > overlap))
                {
                    await ReadRangeAsync(state, committer, state.SweepFloor - Second, sweepEnd, isSweep: true, ct).ConfigureAwait(false);
                    state.SweepFloor = sweepEnd;
                    Commit(state, committer);
                    continue;
                }
                var target = now - settle;
                if (target - state.Watermark < _options.PollInterval)
                {
                    _status.SetState(PartitionState.Running);
                    _status.Progressed();
                    var wake = state.Watermark + _options.PollInterval + settle;
                    var nextSweep = state.SweepFloor + _options.PollInterval + settle + overlap;
                    var wait = Min(wake, nextSweep) - now;
                    await Task.Delay(wait > Second ? wait : Second, _time, ct).ConfigureAwait(false);
                    continue;
                }
                var end = Min(state.Watermark + _options.ChunkSpan, target);
                state.Chunk = new Chunk(state.Watermark - Second, end, null, now, end <= now - settle - overlap);
            }

            var chunk = state.Chunk;
            var to = chunk.DeliveredFrom is { } d ? Min(chunk.End, d + Second) : chunk.End;
            await ReadRangeAsync(state, committer, chunk.From, to, isSweep: false, ct).ConfigureAwait(false);
            var oldWatermark = state.Watermark;
            state.Watermark = chunk.End;
            if (chunk.Settled && state.SweepFloor >= oldWatermark - Second) state.SweepFloor = chunk.End;
            state.Chunk = null;
            Commit(state, committer);
            progress.Report(_logger, _partition, state.Watermark, now - settle, state.EventsDelivered, chunk.Settled);
        }
    }

    /// <summary>Reads [from, to] page by page; after each page the state's checkpoint is queued behind its rows.</summary>
    private async Task ReadRangeAsync(ReadState state, CheckpointCommitter committer, DateTimeOffset from, DateTimeOffset to, bool isSweep, CancellationToken ct)
    {
        var request = new LookupEventsRequest { StartTime = from, EndTime = to, MaxResults = _options.PageSize };
        while (true)
        {
            var response = await CallAsync(request, ct).ConfigureAwait(false);
            var page = committer.Begin();
            DateTimeOffset? oldest = null;
            // A page read is handed to the sink whole even when shutdown begins meanwhile, so the shutdown's final commit
            // covers it; only a sink that stays full for PageFinishTimeout after the stop cuts a page short.
            using var pageToken = new CancellationTokenSource();
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
            if (response.NextToken is null)
            {
                // The caller completes the range and commits; this page's rows join that checkpoint.
                page.Seal(state.Snapshot(_time.GetUtcNow(), _writer));
                return;
            }
            page.Seal(state.Snapshot(_time.GetUtcNow(), _writer));
            request = new LookupEventsRequest { StartTime = from, EndTime = to, MaxResults = _options.PageSize, NextToken = response.NextToken };
        }
    }

    private void Commit(ReadState state, CheckpointCommitter committer) =>
        committer.Begin().Seal(state.Snapshot(_time.GetUtcNow(), _writer));

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

    private static DateTimeOffset WholeSecond(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>The partition cannot be read now (disabled region, refused session); it waits and tries again.</summary>
public sealed class PartitionParkedException(string message, Exception inner) : Exception(message, inner);
