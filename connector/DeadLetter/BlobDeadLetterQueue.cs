using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SentinelAwsIac.Connector.Checkpoints;

namespace SentinelAwsIac.Connector.DeadLetter;

/// <summary>
/// Dead letters as blobs in the worker's container, one blob per entry:
/// <c>deadletter/&lt;account&gt;/&lt;region&gt;/&lt;yyyy-MM-dd&gt;/&lt;HHmmssfff&gt;-&lt;stage&gt;-&lt;id&gt;.json</c> holding the partition,
/// stage, reason, time and the raw record.
/// <para>Why one blob per entry rather than one per day and partition: a block blob is written whole, so appending
/// to a shared blob means read-modify-write under ETag contention between workers (or the Append Blob API, with
/// its 50 000-block cap); a new blob per entry is one atomic Put Blob that needs no coordination, never rewrites
/// an earlier entry (If-None-Match: *), and still lists by partition and day through the name prefix. Dead
/// letters are rare, so the number of blobs stays small.</para>
/// </summary>
public sealed class BlobDeadLetterQueue : IDeadLetterQueue
{
    public const string Prefix = "deadletter/";

    private readonly BlobContainerClient _container;

    public BlobDeadLetterQueue(BlobContainerClient container)
    {
        _container = container ?? throw new ArgumentNullException(nameof(container));
    }

    public async Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var name = BlobName(entry);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new
        {
            partition = entry.Partition.ToString(),
            stage = entry.Stage,
            reason = entry.Reason,
            at = entry.At,
            raw = entry.Raw,
        }));
        var blob = _container.GetBlobClient(name);
        var upload = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        try
        {
            try
            {
                await blob.UploadAsync(content, upload, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound.ToString())
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await blob.UploadAsync(content, upload, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            throw BlobStorageFailure.Explain(ex, _container, $"write dead-letter blob '{name}'");
        }
    }

    internal static string BlobName(DeadLetterEntry entry)
    {
        var at = entry.At.ToUniversalTime();
        var stage = new string(entry.Stage.Where(char.IsAsciiLetterOrDigit).ToArray());
        return string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{Safe(entry.Partition.AccountId)}/{Safe(entry.Partition.Region)}/{at:yyyy-MM-dd}/{at:HHmmssfff}-{(stage.Length == 0 ? "unknown" : stage)}-{Guid.NewGuid():N}.json");
    }

    private static string Safe(string part)
    {
        var safe = new string(part.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray());
        return safe.Length == 0 ? "unknown" : safe;
    }
}
