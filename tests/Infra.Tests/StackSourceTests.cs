using System.Text.RegularExpressions;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The stack's sections are written on the typed layer: no JSON property bags, no Pulumi YAML syntax, and each
/// resource's logical name is written in one file only (the section that creates it).</summary>
public sealed partial class StackSourceTests
{
    private static readonly string[] SectionFolders = ["infra/Stack", "infra/Monitoring"];

    private static IEnumerable<(string Path, string Text)> Sources(params string[] folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(Repo.Root, f), "*.cs"))
            .Select(p => (Path.GetRelativePath(Repo.Root, p), File.ReadAllText(p)));

    [Fact]
    public void Stack_sections_build_no_json_and_write_no_pulumi_yaml()
    {
        foreach (var (path, text) in Sources("infra/Stack"))
        {
            Assert.DoesNotContain("JsonObject", text, StringComparison.Ordinal);
            Assert.DoesNotContain("JsonNode", text, StringComparison.Ordinal);
            Assert.False(YamlSyntax().IsMatch(text), $"{path} writes Pulumi YAML syntax (${{…}} or fn::); only infra/Program may.");
        }
    }

    [Fact]
    public void Each_resource_name_is_written_in_one_file()
    {
        var names = Emit.Modes.Values.SelectMany(config => Emit.View(config).ResourcesSection.Select(r => r.Key)).ToHashSet();
        Assert.Contains("readerRole", names);
        var sources = Sources(SectionFolders).ToList();
        foreach (var name in names)
        {
            var files = sources.Where(s => s.Text.Contains($"\"{name}\"", StringComparison.Ordinal)).Select(s => s.Path).ToList();
            Assert.True(files.Count == 1, $"resource name \"{name}\" is written in {files.Count} files: {string.Join(", ", files)}");
        }
    }

    [GeneratedRegex(@"\$\{[A-Za-z]|fn::")]
    private static partial Regex YamlSyntax();
}
