using System.Text;

namespace SentinelAwsIac.Infra.Diff;

/// <summary>
/// Writes a <see cref="ProgramDiff"/> result as Markdown a person reads in a terminal or in a GitHub job summary:
/// a count line, then per section the added, removed and changed entries, each entry's properties in a
/// <c>diff</c> block (<c>-</c> before, <c>+</c> after; a multi-line value, such as a KQL query, line by line).
/// </summary>
public static class DiffReport
{
    /// <summary>A value longer than this is cut, with the count of what was left out (the rendering has it whole).</summary>
    public const int MaxValueCharacters = 4000;

    public const string ReplacementNote =
        "This diff compares the rendered programs offline. Whether a change updates a resource in place or replaces it is decided by the provider: see `pulumi preview`.";

    public static string Write(string title, IReadOnlyList<SectionDiff> sections)
    {
        var text = new StringBuilder();
        text.Append("## ").Append(title).Append("\n\n");
        if (sections.All(s => s.IsEmpty))
        {
            text.Append("No change to the program.\n\n");
            return text.ToString();
        }

        text.Append(string.Join("; ", sections.Where(s => !s.IsEmpty).Select(Summary))).Append(".\n\n");
        foreach (var section in sections.Where(s => !s.IsEmpty))
        {
            foreach (var entry in section.Added)
            {
                Entry(text, "added", section.Section, entry.Name, entry.Type, entry.Leaves);
            }

            foreach (var entry in section.Removed)
            {
                Entry(text, "removed", section.Section, entry.Name, entry.Type, entry.Leaves);
            }

            foreach (var entry in section.Changed)
            {
                Entry(text, "changed", section.Section, entry.Name, entry.Type, entry.Changes);
            }
        }

        text.Append(ReplacementNote).Append("\n\n");
        return text.ToString();
    }

    private static string Summary(SectionDiff s)
    {
        var singular = s.Section switch { "resources" => "resource", "variables" => "variable", "outputs" => "output", _ => "config declaration" };
        string Count(int n, string what) => $"{n} {singular}{(n == 1 ? "" : "s")} {what}";
        return string.Join(", ", new[] { (s.Added.Count, "added"), (s.Removed.Count, "removed"), (s.Changed.Count, "changed") }
            .Where(c => c.Item1 > 0).Select(c => Count(c.Item1, c.Item2)));
    }

    private static void Entry(StringBuilder text, string verb, string section, string name, string? type, IReadOnlyList<PropertyChange> changes)
    {
        var singular = section switch { "resources" => "resource", "variables" => "variable", "outputs" => "output", _ => "config" };
        text.Append("### ").Append(verb).Append(' ').Append(singular).Append(" `").Append(name).Append('`');
        if (type is not null)
        {
            text.Append(" (").Append(type).Append(')');
        }

        text.Append("\n\n");
        var lines = new List<string>();
        foreach (var change in changes)
        {
            lines.Add($"@ {(change.Path.Length == 0 ? "(value)" : change.Path)}");
            Value(lines, '-', change.Before);
            Value(lines, '+', change.After);
        }

        // A fence longer than any run of backticks in the content, so no value can close it.
        var longestRun = lines.Select(LongestBacktickRun).DefaultIfEmpty(0).Max();
        var fence = new string('`', Math.Max(3, longestRun + 1));
        text.Append(fence).Append("diff\n");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        text.Append(fence).Append("\n\n");
    }

    private static void Value(List<string> lines, char sign, string? json)
    {
        if (json is null)
        {
            return;
        }

        var shown = json.Length > MaxValueCharacters
            ? json[..MaxValueCharacters] + $" … ({json.Length - MaxValueCharacters} more characters; the rendering has it whole)"
            : json;

        // A JSON string with line breaks (a KQL query, a script) reads better line by line.
        if (shown.StartsWith('"') && shown.Contains("\\n", StringComparison.Ordinal))
        {
            var decoded = System.Text.Json.JsonSerializer.Deserialize<string>(json) ?? string.Empty;
            if (decoded.Length > MaxValueCharacters)
            {
                decoded = decoded[..MaxValueCharacters] + $" … ({decoded.Length - MaxValueCharacters} more characters; the rendering has it whole)";
            }

            foreach (var line in decoded.Split('\n'))
            {
                lines.Add($"{sign}   {line.TrimEnd('\r')}");
            }

            return;
        }

        lines.Add($"{sign}   {shown}");
    }

    private static int LongestBacktickRun(string line)
    {
        int longest = 0, run = 0;
        foreach (var c in line)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
