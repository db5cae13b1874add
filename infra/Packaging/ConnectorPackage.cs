namespace SentinelAwsIac.Infra.Packaging;

/// <summary>The worker's code package as the program refers to it.</summary>
/// <param name="SourceHash">Hash of the connector's and contracts' source files (see <see cref="ConnectorSourceHash"/>).</param>
public sealed record ConnectorPackage(string SourceHash)
{
    /// <summary>Folder (relative to the project root, ignored by git) that holds the published connector and its zips.</summary>
    public const string BuildFolder = ".build";

    /// <summary>Blob name: the hash makes a code change a new URL, which restarts the app on the new package.</summary>
    public string BlobName => $"connector-{SourceHash}.zip";

    /// <summary>Path of the zip relative to the folder of Pulumi.yaml, where the program is evaluated.</summary>
    public string ZipPath => $"{BuildFolder}/{BlobName}";
}
