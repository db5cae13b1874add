using Azure;

namespace SentinelAwsIac.Connector.Storage;

/// <summary>A blob listed by <see cref="BlobContainerClient.GetBlobsAsync"/>.</summary>
public sealed record BlobItem(string Name, ETag ETag, DateTimeOffset? LastModified, long? ContentLength);

/// <summary>A downloaded blob: its content and the ETag to make the next write conditional on.</summary>
public sealed record BlobDownloadResult(BinaryData Content, ETag ETag);
