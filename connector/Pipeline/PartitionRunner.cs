using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.Credentials;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Supervises one partition (account × region): runs it from its checkpoint until cancelled — the
/// <see cref="ReadPlanner"/> decides what to read, the <see cref="ReadLoop"/> reads it through the <see cref="PageReader"/>,
/// the <see cref="CheckpointCommitter"/> writes the checkpoint of every page once it and every earlier page are delivered,
/// and the <see cref="ShutdownDrain"/> ends each run. A run that fails is retried after a backoff; a parked partition
/// (the region answers as a disabled region does) and a checkpoint conflict wait ParkRetryInterval and re-read the
/// checkpoint.
/// </summary>
public sealed class PartitionRunner
{
    /// <summary>How long a stopping partition waits for the sink's flush and its last checkpoint write. The host's
    /// shutdown timeout (Hosting:ShutdownTimeout, default 30 s) must be longer.</summary>
    public static readonly TimeSpan ShutdownDrainTimeout = TimeSpan.FromSeconds(20);

    private readonly PartitionKey _partition;
    private readonly ICheckpointStore _store;
    private readonly SourceOptions _options;
    private readonly PartitionTracker _status;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ReadPlanner _planner;
    private readonly ReadLoop _reads;
    private readonly ShutdownDrain _drain;
    private readonly Backoff _failureBackoff;

    public PartitionRunner(PartitionKey partition, ILookupEventsClient client, IRecordMapper mapper, ISink sink, ICheckpointStore store,
        IDeadLetterQueue deadLetters, SourceOptions options, PartitionStatusRegistry status, ILogger<PartitionRunner> logger, TimeProvider? timeProvider = null)
    {
        _partition = partition;
        _store = store;
        _options = options;
        _status = status.For(partition);
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        var writer = $"{Environment.MachineName}/{Environment.ProcessId}";
        _planner = new ReadPlanner(options);
        var pages = new PageReader(partition, client, mapper, sink, deadLetters, options, _status, logger, _time, writer);
        _reads = new ReadLoop(partition, _planner, pages, _status, logger, _time, options.ProgressInterval, writer);
        _drain = new ShutdownDrain(partition, sink, logger, _time);
        // A failed run: 10 s doubling to ParkRetryInterval (docs/facts.md "Retries and backoff").
        var park = options.ParkRetryInterval > TimeSpan.Zero ? options.ParkRetryInterval : TimeSpan.FromSeconds(1);
        _failureBackoff = new Backoff(park < TimeSpan.FromSeconds(10) ? park : TimeSpan.FromSeconds(10), park, _time, Random.Shared);
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

    /// <summary>One run: from the stored checkpoint, reading and committing side by side until the reader stops (the
    /// shutdown, a failure, a park) or the writer meets a conflict.</summary>
    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(_partition, cancellationToken).ConfigureAwait(false);
        var state = _planner.Start(stored?.Checkpoint, _time.GetUtcNow());
        if (stored is null)
            _logger.LogInformation("Partition {Partition} starts: no checkpoint, reading from {From:o}", _partition, state.Watermark);
        else
            _logger.LogInformation("Partition {Partition} resumes from checkpoint {Watermark:o} (chunk end {ChunkEnd:o}, delivered from {DeliveredFrom:o})",
                _partition, state.Watermark, state.Chunk?.End, state.Chunk?.DeliveredFrom);
        _status.Begin();

        var committer = new CheckpointCommitter(_store, _partition, stored?.Version, _status, _logger, _time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = committer.RunAsync(stop.Token);
        var reader = _reads.RunAsync(state, committer, stop.Token);
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
            await _drain.EndAsync(committer, writer, stop, cancellationToken).ConfigureAwait(false);
        }
    }
}
