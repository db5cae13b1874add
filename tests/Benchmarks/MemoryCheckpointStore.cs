using System.Collections.Concurrent;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Benchmarks;

/// <summary><c>--checkpoints memory</c>: a store with the same version check as the real ones but no I/O, to measure
/// what the file store (write, rename, fsync per checkpoint) costs. Not for figures of the worker.</summary>
public sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<PartitionKey, StoredCheckpoint> _items = new();
    private long _version;

    public Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(partition, out var c) ? c : null);

    public Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            _items.TryGetValue(partition, out var current);
            if (current?.Version != expectedVersion) throw new CheckpointConflictException(partition, expectedVersion);
            var stored = new StoredCheckpoint(partition, checkpoint, Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture));
            _items[partition] = stored;
            return Task.FromResult(stored);
        }
    }

    public Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredCheckpoint>>([.. _items.Values]);
}
