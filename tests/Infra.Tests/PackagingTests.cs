using System.IO.Compression;
using SentinelAwsIac.Infra.Packaging;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class PackagingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("infra-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Source_hash_ignores_line_endings_and_build_output_but_not_code_changes()
    {
        Write("connector/Program.cs", "class P {}\n// a\n");
        Write("contracts/Column.cs", "record C;\n");
        var original = ConnectorSourceHash.Compute(_root);
        Assert.Matches("^[0-9a-f]{16}$", original);

        Write("connector/Program.cs", "class P {}\r\n// a\r\n");
        Write("connector/bin/Release/x.dll", "binary");
        Write("connector/obj/project.assets.json", "{}");
        Assert.Equal(original, ConnectorSourceHash.Compute(_root));

        Write("contracts/Column.cs", "record C(int X);\n");
        Assert.NotEqual(original, ConnectorSourceHash.Compute(_root));
    }

    [Fact]
    public void Source_hash_depends_on_paths_not_only_contents()
    {
        Write("connector/A.cs", "x");
        var before = ConnectorSourceHash.Compute(_root);
        File.Move(Path.Combine(_root, "connector/A.cs"), Path.Combine(_root, "connector/B.cs"));
        Assert.NotEqual(before, ConnectorSourceHash.Compute(_root));
    }

    [Fact]
    public void Zip_is_byte_identical_for_the_same_files_with_sorted_entries_and_a_fixed_time()
    {
        Write("out/b.dll", "bbb");
        Write("out/a/z.json", "{}");
        Write("out/a.txt", "aaa");
        var first = Path.Combine(_root, "first.zip");
        var second = Path.Combine(_root, "second.zip");
        DeterministicZip.Create(Path.Combine(_root, "out"), first);
        File.SetLastWriteTimeUtc(Path.Combine(_root, "out/b.dll"), DateTime.UtcNow.AddDays(-3));
        DeterministicZip.Create(Path.Combine(_root, "out"), second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        using var archive = ZipFile.OpenRead(first);
        Assert.Equal(["a.txt", "a/z.json", "b.dll"], archive.Entries.Select(e => e.FullName));
        Assert.All(archive.Entries, e => Assert.Equal(DeterministicZip.EntryTime.Year, e.LastWriteTime.Year));
    }

    [Fact]
    public void Publisher_skips_the_build_when_the_package_for_the_current_sources_exists()
    {
        var package = new ConnectorPackage("0123456789abcdef");
        Write(package.ZipPath, "zip");
        var log = new StringWriter();
        // No connector project exists in this folder: running `dotnet publish` here would fail.
        new ConnectorPublisher(log).EnsurePublished(_root, package, CancellationToken.None);
        Assert.Contains("up to date", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Publisher_reports_a_failed_publish_with_the_fix()
    {
        var log = new StringWriter();
        var error = Assert.Throws<InvalidOperationException>(() => new ConnectorPublisher(log).EnsurePublished(_root, new ConnectorPackage("fedcba9876543210"), CancellationToken.None));
        Assert.Contains("dotnet publish connector", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, ".build", "connector-fedcba9876543210.zip")));
    }
}
