using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// Where each partition's progress is kept. Writes are conditional on the version read (ETag for blobs), so
/// two workers never both advance one partition: the loser gets <see cref="CheckpointConflictException"/>.
/// </summary>
public interface ICheckpointStore
{
    Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken);

    /// <param name="expectedVersion">The version read before, or null to create (fails if it already exists).</param>
    /// <returns>The stored checkpoint with its new version.</returns>
    Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken);
}

public sealed record StoredCheckpoint(PartitionKey Partition, PartitionCheckpoint Checkpoint, string Version);

public sealed class CheckpointConflictException(PartitionKey partition, string? expectedVersion)
    : Exception($"Checkpoint of partition {partition} changed since version '{expectedVersion ?? "<none>"}' was read: another worker is advancing it.")
{
    public PartitionKey Partition { get; } = partition;
}
