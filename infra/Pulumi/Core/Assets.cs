namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>Content a resource uploads: a file (<see cref="FileAsset"/>).</summary>
public abstract class AssetOrArchive;

public abstract class Asset : AssetOrArchive;

/// <summary>A file, by its path relative to the folder Pulumi runs the program in.</summary>
public sealed class FileAsset(string path) : Asset
{
    public string Path { get; } = path;
}
