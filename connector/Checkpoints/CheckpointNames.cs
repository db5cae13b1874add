using System.Buffers;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>Where a partition's checkpoint lives: <c>&lt;account&gt;/&lt;region&gt;.json</c> under the store's root
/// (the <c>checkpoints/</c> prefix in a blob container, the configured folder on disk).</summary>
internal static class CheckpointNames
{
    public const string BlobPrefix = "checkpoints/";
    public const string Extension = ".json";

    // AWS account IDs are 12 digits and region names are lower-case letters, digits and hyphens; anything else
    // (a '/', "..") would escape the store's folder, so it is refused rather than encoded.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public static string RelativePath(PartitionKey partition)
    {
        Check(partition.AccountId, "account ID", partition);
        Check(partition.Region, "region", partition);
        return $"{partition.AccountId}/{partition.Region}{Extension}";
    }

    public static string BlobName(PartitionKey partition) => BlobPrefix + RelativePath(partition);

    private static void Check(string part, string what, PartitionKey partition)
    {
        if (string.IsNullOrEmpty(part) || part.AsSpan().ContainsAnyExcept(Allowed))
            throw new ArgumentException($"Partition '{partition}' has a {what} that cannot name a checkpoint: use letters, digits, '-' and '_' only.", nameof(partition));
    }
}
