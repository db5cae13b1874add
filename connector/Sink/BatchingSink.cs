using System.Text;
using System.Threading.Channels;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// Batches rows from every partition into JSON arrays of at most <see cref="SinkOptions.MaxBatchBytes"/> (1 MB), gzips
/// them and uploads up to <see cref="SinkOptions.MaxConcurrency"/> at once. Outcomes (Logs Ingestion API, docs/facts.md#logs-ingestion-api-requests-limits-and-roles):
/// 204 → each row acknowledged; 429, 5xx, 408, 401/403, other errors and transport errors → the same body retried after
/// Retry-After or an exponential backoff, indefinitely and visibly (log, counters, <see cref="Status"/>); 413 → the batch
/// is cut in two; 400 → the batch is bisected until the rejected rows are alone, and those go to the dead-letter queue;
/// a row over 1 MB goes to the dead-letter queue unsent. No row is acknowledged before it was delivered or dead-lettered.
/// Give it a client whose pipeline does not retry (Retry.MaxRetries = 0): the sink owns retries and counts them.
/// </summary>
public sealed class BatchingSink : ISink
{
    private readonly LogsIngestionClient _client;
    private readonly SinkOptions _options;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly ILogger _logger;
    private readonly string _ruleId;
    private readonly string _streamName;
    private readonly Channel<Item> _input = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ByteBudget _budget;
    private readonly SemaphoreSlim _uploadSlots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _inFlight = [];
    private readonly Task _batcher;
    private readonly object _statusGate = new();
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private SinkStatus _status = new(SinkState.Healthy, null, null);
    private int _disposed;

    public BatchingSink(LogsIngestionClient client, SinkOptions options, IDeadLetterQueue deadLetters, ILogger<BatchingSink>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deadLetters);
        _client = client;
        _options = options;
        _deadLetters = deadLetters;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _ruleId = options.RuleId ?? throw new ArgumentException("Sink:RuleId must be set to the DCR's immutable ID.", nameof(options));
        _streamName = options.StreamName ?? throw new ArgumentException("Sink:StreamName must be set.", nameof(options));
        if (options.MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "Sink:MaxConcurrency must be at least 1.");
        if (options.MaxBatchBytes < 16) throw new ArgumentOutOfRangeException(nameof(options), "Sink:MaxBatchBytes is too small.");
        _backoff = new Backoff(options.RetryDelay, options.MaxRetryDelay, _time, Random.Shared);
        _budget = new ByteBudget(Math.Max(options.MaxBufferedBytes, options.MaxBatchBytes));
        _uploadSlots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _batcher = Task.Run(RunBatcherAsync);
    }

    public SinkCounters Counters { get; } = new();

    /// <summary>Healthy, retrying (throttled or server errors) or failing (the service refuses the identity or target).</summary>
    public SinkStatus Status { get { lock (_statusGate) return _status; } }

    public string StreamName => _streamName;

    /// <summary>Bytes of rows accepted and not yet delivered or dead-lettered.</summary>
    public long BufferedBytes => _budget.Used;

    public async ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentNullException.ThrowIfNull(record.Row);
        ArgumentNullException.ThrowIfNull(record.Ack);
        await _budget.TakeAsync(record.Row.Length, cancellationToken).ConfigureAwait(false);
        if (!_input.Writer.TryWrite(new Item(record, null)))
        {
            _budget.Return(record.Row.Length);
            throw new ObjectDisposedException(nameof(BatchingSink));
        }
        Interlocked.Increment(ref Counters.RowsAccepted);
    }

    public Task FlushAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_input.Writer.TryWrite(new Item(default, done)), this);
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops: uploads still running or waiting to retry are cancelled and their rows stay unacknowledged
    /// (their partitions re-read them after a restart). Call <see cref="FlushAsync"/> first to deliver what is buffered.
    /// Never throws: a stop is not a delivery failure, whatever the uploads it cut short were doing (an upload whose
    /// connection fails while the host stops ends here too). Faults of the sink's own tasks were logged once where they
    /// happened (<see cref="DispatchAsync"/>, <see cref="RunBatcherAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _input.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_inFlight) running = [_batcher, .. _inFlight];
        // Each task's outcome is observed without rethrowing: uploads end unacknowledged, the batcher ends with the stop.
        await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).ConfigureAwait(false);
        // Flushes still queued behind the stop end cancelled; their rows were not delivered.
        while (_input.Reader.TryRead(out var left)) left.Flush?.TrySetCanceled();
        // Uploads dispatched by the batcher after the snapshot above (it may have been mid-dispatch) are awaited too.
        lock (_inFlight) running = [.. _inFlight];
        await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).ConfigureAwait(false);
        _stopping.Dispose();
        _uploadSlots.Dispose();
    }

    private readonly record struct Item(SinkRecord Record, TaskCompletionSource? Flush);

    private async Task RunBatcherAsync()
    {
        try
        {
            await BatchUntilStoppedAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The stop: rows still in the batch or the channel stay unacknowledged.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Logs Ingestion sink for stream {Stream}: the batcher stopped unexpectedly; rows not yet uploaded stay unacknowledged.", _streamName);
            SetStatus(SinkState.Failing, $"The batcher stopped: {e.Message}");
        }
    }

    private async Task BatchUntilStoppedAsync()
    {
        var stop = _stopping.Token;
        var reader = _input.Reader;
        var batch = new List<SinkRecord>();
        long batchBytes = 0;
        var deadline = DateTimeOffset.MaxValue;
        while (!stop.IsCancellationRequested)
        {
            if (batch.Count == 0)
            {
                if (!await reader.WaitToReadAsync(stop).ConfigureAwait(false)) break;
            }
            else
            {
                var remaining = deadline - _time.GetUtcNow();
                var timedOut = remaining <= TimeSpan.Zero;
                if (!timedOut && !reader.TryPeek(out _))
                {
                    using var timer = new CancellationTokenSource(remaining, _time);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, timer.Token);
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        timedOut = true;
                    }
                }
                if (timedOut)
                {
                    await DispatchAsync(batch, stop).ConfigureAwait(false);
                    batch = [];
                    batchBytes = 0;
                    continue;
                }
            }

            while (reader.TryRead(out var item))
            {
                if (item.Flush is { } flush)
                {
                    if (batch.Count > 0)
                    {
                        try
                        {
                            await DispatchAsync(batch, stop).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            flush.TrySetCanceled(); // stopped while waiting for an upload slot: the batch never left
                            throw;
                        }
                        batch = [];
                        batchBytes = 0;
                    }
                    Task[] started;
                    lock (_inFlight) started = [.. _inFlight];
                    // Uploads never fault (DispatchAsync observes them); one cut short by the stop cancels the flush, as
                    // its rows were not delivered.
                    _ = Task.WhenAll(started).ContinueWith(_ =>
                    {
                        if (_stopping.IsCancellationRequested) flush.TrySetCanceled();
                        else flush.TrySetResult();
                    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    continue;
                }

                var record = item.Record;
                // Brackets included: a row that cannot fit in a 1 MB body alone is never sent (IngestionLimits.MaxBodyBytes).
                if (record.Row.Length + 2 > IngestionLimits.MaxBodyBytes)
                {
                    await DeadLetterAsync(record,
                        $"Row of {record.Row.Length} bytes exceeds the Logs Ingestion limit of {IngestionLimits.MaxBodyBytes} bytes per call; not sent.",
                        stop).ConfigureAwait(false);
                    continue;
                }
                var added = (batch.Count == 0 ? 2 : 1) + record.Row.Length;
                if (batch.Count > 0 && batchBytes + added > _options.MaxBatchBytes)
                {
                    await DispatchAsync(batch, stop).ConfigureAwait(false);
                    batch = [];
                    batchBytes = 0;
                    added = 2 + record.Row.Length;
                }
                if (batch.Count == 0) deadline = _time.GetUtcNow() + _options.FlushInterval;
                batch.Add(record);
                batchBytes += added;
            }
        }
    }

    private async Task DispatchAsync(List<SinkRecord> batch, CancellationToken stop)
    {
        await _uploadSlots.WaitAsync(stop).ConfigureAwait(false);
        var records = batch.ToArray();
        var task = Task.Run(async () =>
        {
            try
            {
                await DeliverAsync(records, stop).ConfigureAwait(false);
            }
            catch (Exception e) when (stop.IsCancellationRequested)
            {
                // Cut short by the stop, whether as a cancellation or as the failure of the connection it was on: not a
                // delivery failure. The rows stay unacknowledged, so their partitions read them again after a restart.
                _logger.LogDebug(e, "Logs Ingestion sink for stream {Stream}: an upload of {Rows} rows was cut short by the stop; they stay unacknowledged.", _streamName, records.Length);
            }
            catch (Exception e)
            {
                // A defect, not an answer of the service: logged once, here; the rows stay unacknowledged.
                _logger.LogError(e, "Logs Ingestion sink for stream {Stream}: an upload of {Rows} rows stopped unexpectedly; they stay unacknowledged.", _streamName, records.Length);
                SetStatus(SinkState.Failing, $"An upload stopped unexpectedly: {e.Message}");
            }
            finally
            {
                _uploadSlots.Release();
            }
        }, CancellationToken.None);
        lock (_inFlight) _inFlight.Add(task);
        _ = task.ContinueWith(t =>
        {
            lock (_inFlight) _inFlight.Remove(t);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Delivers a batch; 413 and 400 cut it into halves that are delivered in turn (depth first, so rows keep their order).</summary>
    private async Task DeliverAsync(SinkRecord[] records, CancellationToken stop)
    {
        var pending = new Stack<ArraySegment<SinkRecord>>();
        pending.Push(records);
        while (pending.TryPop(out var segment))
        {
            var outcome = await UploadUntilAnsweredAsync(segment, stop).ConfigureAwait(false);
            if (outcome.Split)
            {
                var half = segment.Count / 2;
                Interlocked.Increment(ref Counters.Splits);
                pending.Push(segment[half..]);
                pending.Push(segment[..half]);
            }
        }
    }

    private readonly record struct Outcome(bool Split);

    /// <summary>Sends one segment until the service gives a final answer for it: delivered, dead-lettered, or to be split.</summary>
    private async Task<Outcome> UploadUntilAnsweredAsync(ArraySegment<SinkRecord> segment, CancellationToken stop)
    {
        // Pooled memory: returned when this segment is answered (delivered, dead-lettered, split) or the sink stops.
        using var pooled = GzipJsonArray.Compress(segment, _options.CompressionLevel, out var jsonLength, out var contentEncoding);
        var body = pooled.Memory;
        if (body.Length > IngestionLimits.MaxBodyBytes)
        {
            // The limit applies to the compressed body too (docs/facts.md#logs-ingestion-api-requests-limits-and-roles); this only happens with incompressible rows.
            if (segment.Count > 1) return new Outcome(Split: true);
            await DeadLetterAsync(segment[0], $"Row compresses to {body.Length} bytes, over the {IngestionLimits.MaxBodyBytes}-byte limit per call; not sent.", stop).ConfigureAwait(false);
            return default;
        }

        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0) Interlocked.Increment(ref Counters.Retries);
            Response response;
            try
            {
                Interlocked.Increment(ref Counters.UploadRequests);
                Interlocked.Add(ref Counters.UploadedBytes, body.Length);
                Interlocked.Add(ref Counters.UncompressedBytes, jsonLength);
                response = await _client.UploadAsync(_ruleId, _streamName, RequestContent.Create(body), contentEncoding,
                    new RequestContext { CancellationToken = stop, ErrorOptions = ErrorOptions.NoThrow }).ConfigureAwait(false);
            }
            catch (Azure.Identity.AuthenticationFailedException e) when (!stop.IsCancellationRequested)
            {
                // No token (no login, wrong managed identity client ID): nothing was sent. Keep the rows, report failing, retry.
                var reason = $"Logs Ingestion upload to rule '{_ruleId}', stream '{_streamName}' could not get a token: {e.Message} " +
                    "Check Identity:ManagedIdentityClientId (in Azure) or sign in (az login) for a local run.";
                SetStatus(SinkState.Failing, reason);
                var delay = _backoff.Delay(attempt);
                _logger.LogError("{Reason} Retrying {Rows} rows in {Delay} (attempt {Attempt}).", reason, segment.Count, delay, attempt + 1);
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                continue;
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is RequestFailedException or HttpRequestException or IOException or OperationCanceledException)
            {
                // No HTTP answer (refused, reset, timeout): retry the same body.
                Interlocked.Increment(ref Counters.TransportErrors);
                var reason = $"Logs Ingestion upload to rule '{_ruleId}', stream '{_streamName}' got no answer: {e.Message}";
                SetStatus(SinkState.Retrying, reason);
                var delay = _backoff.Delay(attempt);
                _logger.LogWarning("{Reason}. Retrying {Rows} rows in {Delay} (attempt {Attempt}).", reason, segment.Count, delay, attempt + 1);
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                Counters.CountStatus(response.Status);
                if (response.Status == 204)
                {
                    foreach (var record in segment) record.Ack.Delivered();
                    Interlocked.Add(ref Counters.RowsDelivered, segment.Count);
                    _budget.Return(RowBytes(segment));
                    lock (_statusGate) _status = new SinkStatus(SinkState.Healthy, null, _time.GetUtcNow());
                    return default;
                }

                var error = IngestionError.From(response);
                var what = $"Logs Ingestion upload of {segment.Count} rows ({jsonLength} bytes, {body.Length} gzip) to rule '{_ruleId}', stream '{_streamName}' failed: {error}";
                switch (response.Status)
                {
                    case 413 when segment.Count > 1:
                    case 400 when segment.Count > 1:
                        _logger.LogWarning("{What}. Splitting the batch in two to isolate the cause.", what);
                        return new Outcome(Split: true);
                    case 413:
                    case 400:
                        await DeadLetterAsync(segment[0], error.ToString(), stop).ConfigureAwait(false);
                        return default;
                }

                TimeSpan delay;
                if (response.Status is 429 or 408 or >= 500)
                {
                    delay = RetryAfter.From(response, _time.GetUtcNow()) ?? _backoff.Delay(attempt);
                    SetStatus(SinkState.Retrying, what);
                    _logger.LogWarning("{What}. Retrying in {Delay} (attempt {Attempt}).", what, delay, attempt + 1);
                }
                else
                {
                    // 401/403 (a new role assignment can take up to 30 min to apply, docs/facts.md#logs-ingestion-api-requests-limits-and-roles), 404 (wrong rule or stream) and
                    // anything else: the rows are kept and retried, the sink reports itself failing.
                    delay = _backoff.Delay(attempt);
                    var fix = response.Status switch
                    {
                        401 => " Check the credential and Sink:Audience.",
                        403 => " Grant the identity 'Monitoring Metrics Publisher' on the DCR; new assignments take up to 30 minutes.",
                        404 => " Check Sink:Endpoint, Sink:RuleId and Sink:StreamName.",
                        _ => "",
                    };
                    SetStatus(SinkState.Failing, what + "." + fix);
                    _logger.LogError("{What}.{Fix} Retrying in {Delay} (attempt {Attempt}).", what, fix, delay, attempt + 1);
                }
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
        }
    }

    private async Task DeadLetterAsync(SinkRecord record, string reason, CancellationToken stop)
    {
        var entry = new DeadLetterEntry(record.Partition, "sink", reason, Encoding.UTF8.GetString(record.Row), _time.GetUtcNow());
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _deadLetters.WriteAsync(entry, stop).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // Never acknowledge a row that is neither delivered nor kept.
                var delay = _backoff.Delay(attempt);
                SetStatus(SinkState.Failing, $"Writing a dead-letter entry failed: {e.Message}");
                _logger.LogError(e, "Writing a dead-letter entry for partition {Partition} failed; retrying in {Delay}.", record.Partition, delay);
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
        }
        _logger.LogWarning("Row of partition {Partition} dead-lettered: {Reason}", record.Partition, reason);
        Interlocked.Increment(ref Counters.DeadLetters);
        record.Ack.Delivered();
        _budget.Return(record.Row.Length);
    }

    private void SetStatus(SinkState state, string error)
    {
        lock (_statusGate) _status = _status with { State = state, LastError = error, UnhealthySince = _status.UnhealthySince ?? _time.GetUtcNow() };
    }

    private static long RowBytes(ArraySegment<SinkRecord> segment)
    {
        long total = 0;
        foreach (var record in segment) total += record.Row.Length;
        return total;
    }
}
