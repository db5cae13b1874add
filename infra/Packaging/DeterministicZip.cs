using System.IO.Compression;

namespace SentinelAwsIac.Infra.Packaging;

/// <summary>Zips a folder so that the same files always give the same bytes: entries in ordinal path order,
/// '/' separators, one fixed timestamp, fixed compression level.</summary>
public static class DeterministicZip
{
    /// <summary>The earliest time a zip entry can carry (MS-DOS date): no build time leaks into the package.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Create(string sourceDirectory, string zipPath)
    {
        var files = Directory.EnumerateFiles(sourceDirectory, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Entry: Path.GetRelativePath(sourceDirectory, f).Replace('\\', '/')))
            .OrderBy(f => f.Entry, StringComparer.Ordinal)
            .ToList();

        var temporary = zipPath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (full, entryName) in files)
            {
                var entry = archive.CreateEntry(entryName, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                entry.ExternalAttributes = 0;
                using var input = File.OpenRead(full);
                using var output = entry.Open();
                input.CopyTo(output);
            }
        }

        File.Move(temporary, zipPath, overwrite: true);
    }
}
