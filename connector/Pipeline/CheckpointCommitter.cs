using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Tracks the acknowledgements of each page's rows and writes the checkpoint of the newest page whose rows, and
/// those of every earlier page, were all delivered (uploaded with HTTP 204, or dead-lettered). Writes are
/// sequential and coalesced: while one is in flight, later completed pages collapse into the next write.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs Dispose only after its AvailableWaitHandle was read (SemaphoreSlim.Dispose remarks); this type never reads it.")]
internal sealed class CheckpointCommitter
{
    private readonly ICheckpointStore _store;
    private readonly PartitionKey _partition;
    private readonly PartitionTracker _status;
    private readonly ILogger _logger;
    private readonly Queue<Page> _pages = new();
    private readonly object _lock = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private string? _version;

    public CheckpointCommitter(ICheckpointStore store, PartitionKey partition, string? version, PartitionTracker status, ILogger logger,
        TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _backoff = new Backoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), _time, Random.Shared);
        _store = store;
        _partition = partition;
        _version = version;
        _status = status;
        _logger = logger;
    }

    /// <summary>One page of rows in flight; <see cref="Ack"/> makes the per-row acknowledgements.</summary>
    internal sealed class Page(CheckpointCommitter owner) : IDeliveryAck
    {
        private int _remaining = 1; // held until Seal, so a page never completes while rows are still being sent
        internal PartitionCheckpoint? Snapshot;

        public IDeliveryAck Ack() { Interlocked.Increment(ref _remaining); return this; }
        public void Delivered() { if (Interlocked.Decrement(ref _remaining) == 0) owner._signal.Release(); }
        internal bool Done => Volatile.Read(ref _remaining) == 0;
        internal void Seal(PartitionCheckpoint snapshot) { Snapshot = snapshot; Delivered(); }
    }

    public int Pending { get { lock (_lock) return _pages.Count; } }

    public Page Begin()
    {
        var page = new Page(this);
        lock (_lock) _pages.Enqueue(page);
        return page;
    }

    /// <summary>Writes checkpoints until cancelled. Throws <see cref="CheckpointConflictException"/> when another writer moved the partition.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            await WriteCompletedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until every page begun so far is delivered and written, or the token fires.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (Pending > 0)
        {
            await WriteCompletedAsync(cancellationToken).ConfigureAwait(false);
            if (Pending > 0) await _signal.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the checkpoint of the newest page whose rows, and those of every earlier page, are delivered; pages
    /// still open or waiting for acknowledgements stay pending (used at shutdown, after the sink's flush).</summary>
    public Task CommitDeliveredAsync(CancellationToken cancellationToken) => WriteCompletedAsync(cancellationToken);

    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private async Task WriteCompletedAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Pages leave the queue only once their checkpoint is written, so a write cut short (shutdown) is retried
            // by the next call instead of being lost.
            PartitionCheckpoint? latest = null;
            var done = 0;
            lock (_lock)
            {
                foreach (var page in _pages)
                {
                    if (!page.Done) break;
                    latest = page.Snapshot;
                    done++;
                }
            }
            if (latest is null) return;
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var stored = await _store.WriteAsync(_partition, latest, _version, cancellationToken).ConfigureAwait(false);
                    _version = stored.Version;
                    lock (_lock) for (var i = 0; i < done; i++) _pages.Dequeue();
                    _status.Checkpointed(latest.Watermark, latest.NewestEventTime);
                    return;
                }
                catch (CheckpointConflictException) { throw; }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 5)
                {
                    _logger.LogWarning(ex, "Writing the checkpoint of {Partition} failed (attempt {Attempt}); retrying", _partition, attempt);
                    await _backoff.WaitAsync(attempt - 1, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally { _writeLock.Release(); }
    }
}
