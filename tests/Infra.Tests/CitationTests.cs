using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>
/// The facts the code relies on live in docs/facts.md with their sources, and the code cites them there
/// (<c>docs/facts.md#section</c>): no source file under connector/, contracts/, infra/, tools/ or tests/ cites the
/// notes the facts were gathered in (a FACTS file outside the repository) or one of our issues by number, and every
/// <c>facts.md#section</c> that a source file or a document links is a heading of docs/facts.md. Sources of other
/// projects stay citable by their full name (<c>pulumi/pulumi-yaml#561</c>).
/// </summary>
public sealed partial class CitationTests
{
    private static readonly string[] SourceFolders = ["connector", "contracts", "infra", "tools", "tests"];

    private static readonly HashSet<string> SourceExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".mjs", ".js", ".ts", ".sh", ".csproj", ".props", ".targets", ".yml", ".yaml",
    };

    // Build output, installed packages, and programs recorded byte for byte as an old compiler wrote them.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", "node_modules", "testdata", "TestResults",
    };

    // This file names the forbidden forms in its examples.
    private static readonly string ThisFile = Path.Combine("tests", "Infra.Tests", "CitationTests.cs");

    [Fact]
    public void No_source_cites_the_fact_notes_or_an_issue_number()
    {
        var files = SourceFiles().ToList();
        Assert.Contains(files, f => f.Path.EndsWith("BatchingSink.cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Path.EndsWith("check.mjs", StringComparison.Ordinal));

        var found = files
            .Where(f => f.Path != ThisFile)
            .SelectMany(f => ForbiddenCitations(f.Text).Select(c => $"{f.Path}:{c.Line}: {c.Text} ({c.Why})"))
            .ToList();
        Assert.True(found.Count == 0,
            "Cite the docs/facts.md section that holds the fact (add it there with its source if it is missing), not the notes or an issue:\n"
            + string.Join('\n', found));
    }

    [Fact]
    public void Every_facts_md_section_cited_is_a_heading_of_facts_md()
    {
        var headings = Anchors(File.ReadAllText(Path.Combine(Repo.Root, "docs", "facts.md")));
        Assert.Contains("retention-on-destroy", headings);
        Assert.Contains("the-workers-logs-in-the-workspace", headings);

        var documents = Directory.EnumerateFiles(Path.Combine(Repo.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(Repo.Root, "README.md"))
            .Select(p => (Path: Path.GetRelativePath(Repo.Root, p), Text: File.ReadAllText(p)));
        var citations = SourceFiles().Where(f => f.Path != ThisFile).Concat(documents)
            .SelectMany(f => FactsSections(f.Text).Select(s => (f.Path, Section: s)))
            .ToList();
        Assert.Contains(citations, c => c.Section == "iam-and-sts");

        var missing = citations.Where(c => !headings.Contains(c.Section)).Select(c => $"{c.Path}: facts.md#{c.Section}").Distinct().ToList();
        Assert.True(missing.Count == 0, "No heading of docs/facts.md has these anchors:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("// Field values over 64 KB are truncated (FACTS.md).", "the fact notes")]
    [InlineData("/// ExternalId limits (S3-SQS-FACTS.md \"IAM\").", "the fact notes")]
    [InlineData("// FACTS \"Hosting the worker\": App Service sets PORT.", "the fact notes")]
    [InlineData("// One health row a minute (issue 4).", "an issue number")]
    [InlineData("/// <summary>Issue 15: what a destroy keeps.</summary>", "an issue number")]
    [InlineData("// see issue #12", "an issue number")]
    [InlineData("// cloud-governance PR #483 used 120 s", "an unqualified #number")]
    [InlineData("// exponent form (#561)", "an unqualified #number")]
    public void A_forbidden_citation_is_found(string line, string why)
    {
        var found = Assert.Single(ForbiddenCitations("namespace X;\n" + line + "\n"));
        Assert.Equal(2, found.Line);
        Assert.Equal(why, found.Why);
    }

    [Theory]
    [InlineData("// Field values over 64 KB are truncated (docs/facts.md#logs-ingestion-api-requests-limits-and-roles).")]
    [InlineData("// no exponent: pulumi/pulumi-yaml#561")]
    [InlineData("// Round-trip through PKCS#12 so the key is usable.")]
    [InlineData("json.WriteString(\"UserAgent\", \"aws-sdk-go-v2/1.30.3 lang/go#1.22.5\");")]
    [InlineData("// The facts behind this limit: docs/facts.md")]
    public void A_citation_of_facts_md_or_of_another_project_is_allowed(string line) =>
        Assert.Empty(ForbiddenCitations(line));

    [Theory]
    [InlineData("## IAM and STS", "iam-and-sts")]
    [InlineData("## The worker's logs in the workspace", "the-workers-logs-in-the-workspace")]
    [InlineData("### Logs Ingestion: the body limit (`IngestionLimits.MaxBodyBytes` = 1 000 000)", "logs-ingestion-the-body-limit-ingestionlimitsmaxbodybytes--1-000-000")]
    [InlineData("## CloudTrail: endpoints, quotas and delivery", "cloudtrail-endpoints-quotas-and-delivery")]
    public void A_heading_anchor_is_the_one_GitHub_makes(string heading, string anchor) =>
        Assert.Equal(anchor, Assert.Single(Anchors(heading + "\n")));

    [Fact]
    public void A_section_that_is_not_a_heading_is_missing()
    {
        var headings = Anchors("# Facts\n## IAM and STS\n");
        var cited = FactsSections("// (docs/facts.md#iam-and-sts) and (docs/facts.md#iam-and-sts-limits)").ToList();
        Assert.Equal(["iam-and-sts", "iam-and-sts-limits"], cited);
        Assert.Equal(["iam-and-sts-limits"], cited.Where(c => !headings.Contains(c)));
    }

    internal sealed record Citation(int Line, string Text, string Why);

    internal static IEnumerable<Citation> ForbiddenCitations(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var why = FactNotes().IsMatch(lines[i]) ? "the fact notes"
                : IssueNumber().IsMatch(lines[i]) ? "an issue number"
                : BareNumber().IsMatch(lines[i]) ? "an unqualified #number"
                : null;
            if (why is not null) yield return new Citation(i + 1, lines[i].Trim(), why);
        }
    }

    internal static IEnumerable<string> FactsSections(string text) =>
        FactsLink().Matches(text).Select(m => m.Groups["section"].Value);

    /// <summary>The anchors GitHub gives a document's headings: lower case, punctuation other than '-' and '_' dropped,
    /// each space a '-'.</summary>
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            var heading = inFence ? null : Heading().Match(line);
            if (heading is not { Success: true }) continue;
            var anchor = new StringBuilder();
            foreach (var c in heading.Groups["title"].Value.Trim().ToLower(CultureInfo.InvariantCulture))
            {
                if (c == ' ') anchor.Append('-');
                else if (char.IsLetterOrDigit(c) || c is '-' or '_') anchor.Append(c);
            }
            anchors.Add(anchor.ToString());
        }
        return anchors;
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        SourceFolders.SelectMany(folder => Walk(Path.Combine(Repo.Root, folder)))
            .Where(p => SourceExtensions.Contains(Path.GetExtension(p)) || IsScript(p))
            .Select(p => (Path.GetRelativePath(Repo.Root, p), File.ReadAllText(p)));

    private static IEnumerable<string> Walk(string directory) =>
        Directory.EnumerateFiles(directory).Concat(Directory.EnumerateDirectories(directory)
            .Where(d => !SkippedFolders.Contains(Path.GetFileName(d)))
            .SelectMany(Walk));

    // A script without an extension (infra/compile).
    private static bool IsScript(string path)
    {
        if (Path.GetExtension(path).Length > 0) return false;
        using var reader = new StreamReader(path);
        return reader.ReadLine()?.StartsWith("#!", StringComparison.Ordinal) == true;
    }

    // The shared notes the facts came from: FACTS.md, S3-SQS-FACTS.md, or "FACTS" followed by a section name.
    [GeneratedRegex(@"\bFACTS\b")]
    private static partial Regex FactNotes();

    // One of our issues by number: "issue 4", "Issue 15", "issues 2 and 4", "issue #12".
    [GeneratedRegex(@"\bissues?\s*#?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IssueNumber();

    // A #number not qualified by a repository ("PR #483", "(#561)"); "owner/repo#561" and "PKCS#12" are not matched.
    [GeneratedRegex(@"(?<![\w/.\-])#\d+\b")]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"facts\.md#(?<section>[a-z0-9_\-]+)")]
    private static partial Regex FactsLink();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
