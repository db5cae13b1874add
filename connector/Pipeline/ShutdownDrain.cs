using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// How a partition's run ends, so that rows already sent reach their checkpoint. After a failure or a park: the rows
/// sent keep going and their checkpoints are written (at most <see cref="AfterFailureTimeout"/>) before the partition
/// waits. At shutdown: reading has stopped; the sink uploads what it holds and every page whose rows are all delivered is
/// committed (at most <see cref="PartitionRunner.ShutdownDrainTimeout"/>); the page cut off mid-read stays open, so the
/// next run reads it again. Timeouts run on the worker's clock.
/// </summary>
internal sealed class ShutdownDrain(PartitionKey partition, ISink sink, ILogger logger, TimeProvider time)
{
    /// <summary>How long a run that failed lets its rows already sent finish.</summary>
    public static readonly TimeSpan AfterFailureTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Ends the run whose reads stopped (<paramref name="cancellationToken"/> fired for a shutdown, or the reader
    /// threw) and whose checkpoint writer is <paramref name="writer"/>, stopped by <paramref name="stop"/>. Never throws
    /// but what the writer threw at the end (a conflict is the caller's to handle, as it already was).</summary>
    public async Task EndAsync(CheckpointCommitter committer, Task writer, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested && !writer.IsFaulted)
        {
            using var timeout = new CancellationTokenSource(AfterFailureTimeout, time);
            using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try { await committer.DrainAsync(drain.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        }
        else if (cancellationToken.IsCancellationRequested && !writer.IsFaulted)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try { await writer.ConfigureAwait(false); } catch (OperationCanceledException) { }
            using var drain = new CancellationTokenSource(PartitionRunner.ShutdownDrainTimeout, time);
            try
            {
                await sink.FlushAsync(drain.Token).ConfigureAwait(false);
                await committer.CommitDeliveredAsync(drain.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                logger.LogWarning("Partition {Partition}: shutdown could not deliver and commit everything within {Timeout}; the next run re-reads from the last checkpoint.", partition, PartitionRunner.ShutdownDrainTimeout);
            }
            catch (CheckpointConflictException ex)
            {
                logger.LogWarning("Partition {Partition}: final checkpoint not written: {Reason}", partition, ex.Message);
            }
        }
        await stop.CancelAsync().ConfigureAwait(false);
        try { await writer.ConfigureAwait(false); } catch (OperationCanceledException) { }
    }
}
