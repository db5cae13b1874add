using Azure;

namespace SentinelAwsIac.Connector.Storage;

/// <summary>
/// A conditional write lost: the blob changed since its ETag was read (412 ConditionNotMet for If-Match) or it
/// already exists (409 BlobAlreadyExists for If-None-Match: *). Azure Storage REST, "Specifying conditional headers
/// for Blob service operations".
/// </summary>
public sealed class BlobConditionFailedException : RequestFailedException
{
    public BlobConditionFailedException(string blobName, int status, string? errorCode, string message)
        : base(status, message, errorCode, null)
    {
        BlobName = blobName;
    }

    public string BlobName { get; }
}
