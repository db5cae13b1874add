using System.Security.Cryptography;
using System.Text;

namespace SentinelAwsIac.Infra.Packaging;

/// <summary>
/// A content hash of what the worker is built from: every file under connector/ and contracts/ (build output
/// folders excluded) plus the repository's shared build files (the props and global.json, the SDK it is built with). Paths are sorted ordinally with '/' separators and
/// line endings normalised to '\n', so the hash, and with it the offline rendering, is the same on every machine.
/// </summary>
public static class ConnectorSourceHash
{
    public static readonly IReadOnlyList<string> SourceFolders = ["connector", "contracts"];

    public static readonly IReadOnlyList<string> SharedFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json"];

    private static readonly HashSet<string> IgnoredFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "TestResults", ".vs", ".idea" };

    /// <summary>Hex digits of the hash kept in names: 16 (64 bits) tell builds apart and keep the blob name short.</summary>
    public const int Length = 16;

    public static string Compute(string rootDirectory)
    {
        var files = SourceFolders
            .SelectMany(folder => Files(rootDirectory, folder))
            .Concat(SharedFiles.Where(f => File.Exists(Path.Combine(rootDirectory, f))))
            .Order(StringComparer.Ordinal)
            .ToList();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in files)
        {
            var text = File.ReadAllText(Path.Combine(rootDirectory, relative)).Replace("\r\n", "\n", StringComparison.Ordinal);
            var content = Encoding.UTF8.GetBytes(text);
            // Path, length, content: no two different file sets give the same byte stream.
            hash.AppendData(Encoding.UTF8.GetBytes($"{relative}\n{content.Length}\n"));
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..Length];
    }

    private static IEnumerable<string> Files(string rootDirectory, string folder)
    {
        var start = Path.Combine(rootDirectory, folder);
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(directory))
            {
                if (!IgnoredFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(directory))
            {
                yield return Path.GetRelativePath(rootDirectory, file).Replace('\\', '/');
            }
        }
    }
}
