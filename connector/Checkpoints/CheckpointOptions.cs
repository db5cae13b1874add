using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>Which checkpoint store kind the worker uses.</summary>
public enum CheckpointStoreKind { Blob, File }

/// <summary>
/// The <c>Checkpoints</c> configuration section (<see cref="WorkerSettings.CheckpointsSection"/>).
/// In Azure the stack sets <c>Checkpoints:ContainerUri</c> and the worker's managed identity authorizes
/// (<c>Identity:ManagedIdentityClientId</c>); locally, either a folder (<c>Store=File</c>, <c>Directory</c>) or a
/// storage connection string (Azurite: <c>UseDevelopmentStorage=true</c>).
/// </summary>
public sealed class CheckpointOptions
{
    public const string DefaultContainerName = "checkpoints";

    /// <summary><c>Checkpoints:Store</c>: Blob or File. When unset: File if only <see cref="Directory"/> is set, else Blob.</summary>
    public CheckpointStoreKind? Store { get; set; }

    /// <summary><c>Checkpoints:ContainerUri</c> (<see cref="WorkerSettings.CheckpointContainerUri"/>), e.g.
    /// https://account.blob.core.windows.net/checkpoints; authorized with a token credential.</summary>
    public string? ContainerUri { get; set; }

    /// <summary><c>Checkpoints:ConnectionString</c>: a storage connection string with an account key (or a SAS), for Azurite
    /// or a local run against a real account. Used instead of <see cref="ContainerUri"/>. A secret: never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Checkpoints:ContainerName</c>: the container used with <see cref="ConnectionString"/>.</summary>
    public string ContainerName { get; set; } = DefaultContainerName;

    /// <summary><c>Checkpoints:Directory</c>: the folder of the file store.</summary>
    public string? Directory { get; set; }

    public CheckpointStoreKind EffectiveStore =>
        Store ?? (!string.IsNullOrWhiteSpace(Directory) && string.IsNullOrWhiteSpace(ContainerUri) && string.IsNullOrWhiteSpace(ConnectionString)
            ? CheckpointStoreKind.File
            : CheckpointStoreKind.Blob);
}
