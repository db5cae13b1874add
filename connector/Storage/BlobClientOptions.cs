using Azure.Core;

namespace SentinelAwsIac.Connector.Storage;

/// <summary>Options of <see cref="BlobContainerClient"/>: Azure.Core's retry, transport and diagnostics, plus the
/// REST API version sent as <c>x-ms-version</c>.</summary>
public sealed class BlobClientOptions : ClientOptions
{
    /// <summary>
    /// 2025-01-05: a Blob service version that Azure serves and that Azurite 3.35.0 accepts without
    /// <c>--skipApiVersionCheck</c> (Azurite's <c>ValidAPIVersions</c> list in src/blob/utils/constants.ts goes up to
    /// 2025-11-05). Every operation we use (Put Blob, Get Blob, List Blobs, Delete Blob, Create Container) predates it.
    /// </summary>
    public const string DefaultVersion = "2025-01-05";

    public string Version { get; set; } = DefaultVersion;

    /// <summary>Entra ID scope for Azure Storage data-plane tokens (Azure Storage docs, "Authorize access to blobs
    /// using Microsoft Entra ID": resource https://storage.azure.com/).</summary>
    public string TokenScope { get; set; } = "https://storage.azure.com/.default";
}
