using Azure.Core;
using Azure.Storage.Blobs;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>The worker's blob container (checkpoints under <c>checkpoints/</c>, dead letters under <c>deadletter/</c>) as
/// an Azure.Storage.Blobs client, from the <c>Checkpoints</c> settings.</summary>
internal static class CheckpointContainer
{
    /// <summary><c>Checkpoints:ConnectionString</c> + <c>Checkpoints:ContainerName</c> (account key or SAS, e.g.
    /// Azurite's), else <c>Checkpoints:ContainerUri</c> with the token credential <paramref name="credential"/> gives.</summary>
    public static BlobContainerClient Create(CheckpointOptions options, Func<TokenCredential> credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            return FromConnectionString(options.ConnectionString, options.ContainerName);
        var uri = new Uri(options.ContainerUri!);
        return new BlobContainerClient(uri, credential(), CheckpointBlobClientOptions.For(uri));
    }

    /// <summary>A container by connection string, with the worker's pinned service version. Throws
    /// <see cref="FormatException"/> or <see cref="ArgumentException"/> for a string the package cannot parse.</summary>
    public static BlobContainerClient FromConnectionString(string connectionString, string containerName) =>
        new(connectionString, containerName, CheckpointBlobClientOptions.For(null));
}
