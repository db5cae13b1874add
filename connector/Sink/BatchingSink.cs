using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// The Logs Ingestion sink: rows of every partition go through the <see cref="Batcher"/> (JSON arrays of at most
/// <see cref="SinkOptions.MaxBatchBytes"/>, cut by size, <see cref="SinkOptions.FlushInterval"/> or a flush), up to
/// <see cref="SinkOptions.MaxConcurrency"/> batches are uploaded at once, each driven to its final answer by the
/// <see cref="UploadRetryDriver"/> (what each answer means: <see cref="IngestionOutcomes"/>). Rows accepted and not yet
/// delivered are capped at <see cref="SinkOptions.MaxBufferedBytes"/>. No row is acknowledged before it was delivered
/// or dead-lettered. Give it a client whose pipeline does not retry (Retry.MaxRetries = 0): the sink owns retries and
/// counts them.
/// </summary>
public sealed class BatchingSink : ISink
{
    private readonly ILogger _logger;
    private readonly string _streamName;
    private readonly Channel<BatcherItem> _input = Channel.CreateUnbounded<BatcherItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ByteBudget _budget;
    private readonly SemaphoreSlim _uploadSlots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _inFlight = [];
    private readonly SinkStatusTracker _status;
    private readonly UploadRetryDriver _driver;
    private readonly Task _batcher;
    private int _disposed;

    public BatchingSink(LogsIngestionClient client, SinkOptions options, IDeadLetterQueue deadLetters, ILogger<BatchingSink>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deadLetters);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var time = timeProvider ?? TimeProvider.System;
        if (options.RuleId is null) throw new ArgumentException("Sink:RuleId must be set to the DCR's immutable ID.", nameof(options));
        _streamName = options.StreamName ?? throw new ArgumentException("Sink:StreamName must be set.", nameof(options));
        if (options.MaxConcurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "Sink:MaxConcurrency must be at least 1.");
        if (options.MaxBatchBytes < 16) throw new ArgumentOutOfRangeException(nameof(options), "Sink:MaxBatchBytes is too small.");
        _status = new SinkStatusTracker(time);
        _budget = new ByteBudget(Math.Max(options.MaxBufferedBytes, options.MaxBatchBytes));
        _uploadSlots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _driver = new UploadRetryDriver(client, options, deadLetters, _budget, Counters, _status, _logger, time, Random.Shared);
        var batcher = new Batcher(_input.Reader, options.MaxBatchBytes, options.FlushInterval, time, DispatchAsync, _driver.DeadLetterAsync, Flushed);
        _batcher = Task.Run(() => RunBatcherAsync(batcher));
    }

    public SinkCounters Counters { get; } = new();

    /// <summary>Healthy, retrying (throttled or server errors) or failing (the service refuses the identity or target).</summary>
    public SinkStatus Status => _status.Current;

    public string StreamName => _streamName;

    /// <summary>Bytes of rows accepted and not yet delivered or dead-lettered.</summary>
    public long BufferedBytes => _budget.Used;

    public async ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentNullException.ThrowIfNull(record.Row);
        ArgumentNullException.ThrowIfNull(record.Ack);
        await _budget.TakeAsync(record.Row.Length, cancellationToken).ConfigureAwait(false);
        if (!_input.Writer.TryWrite(new BatcherItem(record, null)))
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
        ObjectDisposedException.ThrowIf(!_input.Writer.TryWrite(new BatcherItem(default, done)), this);
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

    private async Task RunBatcherAsync(Batcher batcher)
    {
        try
        {
            await batcher.RunAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The stop: rows still in the batch or the channel stay unacknowledged.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Logs Ingestion sink for stream {Stream}: the batcher stopped unexpectedly; rows not yet uploaded stay unacknowledged.", _streamName);
            _status.Failed(SinkState.Failing, $"The batcher stopped: {e.Message}");
        }
    }

    /// <summary>Starts the upload of a batch once a slot is free (waits for one); the upload runs on its own.</summary>
    private async Task DispatchAsync(List<SinkRecord> batch, CancellationToken stop)
    {
        await _uploadSlots.WaitAsync(stop).ConfigureAwait(false);
        var records = batch.ToArray();
        var task = Task.Run(async () =>
        {
            try
            {
                await _driver.DeliverAsync(records, stop).ConfigureAwait(false);
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
                _status.Failed(SinkState.Failing, $"An upload stopped unexpectedly: {e.Message}");
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

    /// <summary>Completes a flush once every upload started before it has ended. Uploads never fault (DispatchAsync
    /// observes them); one cut short by the stop cancels the flush, as its rows were not delivered.</summary>
    private void Flushed(TaskCompletionSource flush)
    {
        Task[] started;
        lock (_inFlight) started = [.. _inFlight];
        _ = Task.WhenAll(started).ContinueWith(_ =>
        {
            if (_stopping.IsCancellationRequested) flush.TrySetCanceled();
            else flush.TrySetResult();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
