using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// The options of every <see cref="BlobContainerClient"/> the worker makes (checkpoints, blob dead letters) and the
/// tests make against Azurite: the pinned service version and the token audience of the container's cloud.
/// </summary>
internal static class CheckpointBlobClientOptions
{
    /// <summary>
    /// The Blob service REST version sent as <c>x-ms-version</c>: 2025-11-05, pinned below Azure.Storage.Blobs
    /// 12.30.1's default (2026-10-06). Why pin rather than start Azurite with <c>--skipApiVersionCheck</c>:
    /// <list type="bullet">
    /// <item>Azurite 3.35.0 (the version tests/Conformance/package-lock.json pins) knows versions up to 2025-11-05
    /// (its dist/src/blob/utils/constants.js, <c>BLOB_API_VERSION</c> and <c>ValidAPIVersions</c>) and answers a newer
    /// one with 400 InvalidHeaderValue (3.37.0, the newest on npm when this was written, was seen to refuse 2026-10-06
    /// the same way).</item>
    /// <item>With the pin the tests send exactly the version the worker sends in Azure, and Azurite's version check
    /// stays on: a bump past what the emulator knows fails the tests instead of being waved through. With the check
    /// skipped, the worker would send a version no test ever had a service accept.</item>
    /// <item>Azure keeps serving older versions (Azure Storage REST, "Versioning for the Azure Storage services"), and
    /// every operation we use (Create Container, Put Blob, Get Blob, List Blobs) predates 2025-11-05.</item>
    /// </list>
    /// Moving it: pick a version both the package's <see cref="BlobClientOptions.ServiceVersion"/> and the pinned
    /// Azurite's <c>ValidAPIVersions</c> list.
    /// </summary>
    public const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2025_11_05;

    /// <summary><see cref="ServiceVersion"/> as the header value, e.g. 2025-11-05.</summary>
    public static string ServiceVersionHeader => ServiceVersion.ToString()[1..].Replace('_', '-');

    /// <summary>Options for a container at <paramref name="containerUri"/>: the pinned version and, for a bearer token,
    /// the storage audience of the cloud the host belongs to (<see cref="AzureCloud.OfBlobHost"/>); any other host (an
    /// emulator) keeps the package's default audience, https://storage.azure.com. Shared Key ignores the audience.</summary>
    public static BlobClientOptions For(Uri? containerUri)
    {
        var options = new BlobClientOptions(ServiceVersion);
        if (containerUri is not null && AzureCloud.OfBlobHost(containerUri.Host) is { } cloud)
            options.Audience = new BlobAudience(cloud.StorageAudience);
        return options;
    }
}
