using Azure;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Storage;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// Checkpoints as blobs: <c>checkpoints/&lt;account&gt;/&lt;region&gt;.json</c> in the worker's container. The version is
/// the blob's ETag and every write is conditional on it (If-Match the ETag read; If-None-Match: * to create), so
/// the service itself decides, atomically, which of two workers advances a partition; the other gets
/// <see cref="CheckpointConflictException"/> (Azure Storage REST, "Managing concurrency in Blob storage",
/// optimistic concurrency). The container is created on the first write that finds it missing.
/// </summary>
public sealed class BlobCheckpointStore : ICheckpointStore
{
    private readonly BlobContainerClient _container;

    public BlobCheckpointStore(BlobContainerClient container)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
    }

    public async Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken)
    {
        var name = CheckpointNames.BlobName(partition);
        var blob = await _container.DownloadContentAsync(name, cancellationToken).ConfigureAwait(false);
        if (blob is null) return null;
        var document = CheckpointDocument.Parse(blob.Content.ToMemory().Span, partition, Where(name));
        return new StoredCheckpoint(partition, document.Checkpoint, blob.ETag.ToString());
    }

    public async Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var name = CheckpointNames.BlobName(partition);
        var content = BinaryData.FromBytes(new CheckpointDocument(partition.ToString(), 0, checkpoint).ToUtf8());
        var conditions = expectedVersion is null
            ? new RequestConditions { IfNoneMatch = ETag.All }
            : new RequestConditions { IfMatch = new ETag(expectedVersion) };
        try
        {
            ETag etag;
            try
            {
                etag = await _container.UploadAsync(name, content, conditions, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "ContainerNotFound")
            {
                await _container.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                etag = await _container.UploadAsync(name, content, conditions, cancellationToken).ConfigureAwait(false);
            }
            return new StoredCheckpoint(partition, checkpoint, etag.ToString());
        }
        catch (BlobConditionFailedException)
        {
            throw new CheckpointConflictException(partition, expectedVersion);
        }
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredCheckpoint>();
        await foreach (var item in _container.GetBlobsAsync(CheckpointNames.BlobPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (!item.Name.EndsWith(CheckpointNames.Extension, StringComparison.Ordinal))
                continue;
            var blob = await _container.DownloadContentAsync(item.Name, cancellationToken).ConfigureAwait(false);
            if (blob is null) continue; // deleted between list and read
            var document = CheckpointDocument.Parse(blob.Content.ToMemory().Span, null, Where(item.Name));
            result.Add(new StoredCheckpoint(PartitionKey.Parse(document.Partition), document.Checkpoint, blob.ETag.ToString()));
        }
        return result;
    }

    private string Where(string blobName) => $"blob '{blobName}' in container '{_container.Uri}'";
}
