using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// Checkpoints as blobs: <c>checkpoints/&lt;account&gt;/&lt;region&gt;.json</c> in the worker's container. The version is
/// the blob's ETag and every write is conditional on it (If-Match the ETag read; If-None-Match: * to create), so
/// the service itself decides, atomically, which of two workers advances a partition; the other gets
/// <see cref="CheckpointConflictException"/> (Azure Storage REST, "Managing concurrency in Blob storage",
/// optimistic concurrency: a lost If-Match is 412 ConditionNotMet, a lost If-None-Match: * is 409 BlobAlreadyExists).
/// The container is created on the first write that finds it missing. Other failures are
/// <see cref="RequestFailedException"/>s whose message names the fix (<see cref="BlobStorageFailure"/>).
/// </summary>
public sealed class BlobCheckpointStore : ICheckpointStore
{
    private const string ContentType = "application/json";

    private readonly BlobContainerClient _container;

    public BlobCheckpointStore(BlobContainerClient container)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
    }

    public async Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken)
    {
        var name = CheckpointNames.BlobName(partition);
        var blob = await DownloadAsync(name, cancellationToken).ConfigureAwait(false);
        if (blob is null) return null;
        var document = CheckpointDocument.Parse(blob.Content.ToMemory().Span, partition, Where(name));
        return new StoredCheckpoint(partition, document.Checkpoint, blob.Details.ETag.ToString());
    }

    public async Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var name = CheckpointNames.BlobName(partition);
        var blob = _container.GetBlobClient(name);
        var content = BinaryData.FromBytes(new CheckpointDocument(partition.ToString(), 0, checkpoint).ToUtf8());
        var upload = new BlobUploadOptions
        {
            Conditions = expectedVersion is null
                ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) },
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentType },
        };
        try
        {
            Response<BlobContentInfo> written;
            try
            {
                written = await blob.UploadAsync(content, upload, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound.ToString())
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                written = await blob.UploadAsync(content, upload, cancellationToken).ConfigureAwait(false);
            }
            return new StoredCheckpoint(partition, checkpoint, written.Value.ETag.ToString());
        }
        catch (RequestFailedException ex) when (LostCondition(ex))
        {
            throw new CheckpointConflictException(partition, expectedVersion);
        }
        catch (RequestFailedException ex)
        {
            throw BlobStorageFailure.Explain(ex, _container, $"write checkpoint blob '{name}'");
        }
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = CheckpointNames.BlobPrefix }, cancellationToken).ConfigureAwait(false))
            {
                if (item.Name.EndsWith(CheckpointNames.Extension, StringComparison.Ordinal))
                    names.Add(item.Name);
            }
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound.ToString())
        {
            return []; // nothing written yet
        }
        catch (RequestFailedException ex)
        {
            throw BlobStorageFailure.Explain(ex, _container, "list the checkpoint blobs");
        }

        var result = new List<StoredCheckpoint>(names.Count);
        foreach (var name in names)
        {
            var blob = await DownloadAsync(name, cancellationToken).ConfigureAwait(false);
            if (blob is null) continue; // deleted between list and read
            var document = CheckpointDocument.Parse(blob.Content.ToMemory().Span, null, Where(name));
            result.Add(new StoredCheckpoint(PartitionKey.Parse(document.Partition), document.Checkpoint, blob.Details.ETag.ToString()));
        }
        return result;
    }

    /// <summary>Get Blob; null when the blob or the container does not exist.</summary>
    private async Task<BlobDownloadResult?> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.BlobNotFound.ToString() || ex.ErrorCode == BlobErrorCode.ContainerNotFound.ToString())
        {
            return null;
        }
        catch (RequestFailedException ex)
        {
            throw BlobStorageFailure.Explain(ex, _container, $"read checkpoint blob '{name}'");
        }
    }

    /// <summary>412 (If-Match lost) or 409 BlobAlreadyExists (If-None-Match: * lost).</summary>
    private static bool LostCondition(RequestFailedException ex) =>
        ex.Status == 412 || (ex.Status == 409 && ex.ErrorCode == BlobErrorCode.BlobAlreadyExists.ToString());

    private string Where(string blobName) => $"blob '{blobName}' in container '{_container.Uri.GetLeftPart(UriPartial.Path)}'";
}
