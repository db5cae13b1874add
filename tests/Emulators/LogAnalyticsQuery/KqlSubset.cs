using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace SentinelAwsIac.Emulators.LogAnalyticsQuery;

/// <summary>
/// The few KQL operators the tools' queries use, evaluated over a <see cref="QueryTable"/>: a table name, then
/// <c>| where Col &gt; ago(Nm|Nh|Nd)</c>, <c>| where Col &gt; datetime(…)</c>, <c>| where Col == "text"</c>,
/// <c>| where Col has "term"</c> (case-insensitive whole-term match, as KQL's <c>has</c>), <c>| project a, b</c>.
/// Anything else is refused with the query's position, never guessed: a query this subset cannot run is one the
/// test must not pass with.
/// </summary>
public static partial class KqlSubset
{
    public sealed record Result(IReadOnlyList<(string Name, string Type)> Columns, IReadOnlyList<object?[]> Rows);

    public sealed class QueryException(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    public static Result Run(string query, IReadOnlyDictionary<string, QueryTable> tables, DateTimeOffset now, TimeSpan? timespan)
    {
        var stages = SplitPipes(query).Select(s => s.Trim()).ToList();
        if (!tables.TryGetValue(stages[0], out var table))
        {
            throw new QueryException("SemanticError", $"'{stages[0]}' could not be resolved to a table of this workspace.");
        }

        IEnumerable<IReadOnlyDictionary<string, object?>> rows = table.Rows;
        if (timespan is { } span)
        {
            // The API applies timespan to TimeGenerated in addition to the query's own filters.
            rows = rows.Where(r => r.TryGetValue("TimeGenerated", out var t) && t is DateTimeOffset d && d >= now - span && d <= now);
        }

        var columns = table.Columns.Select(c => (c.Name, QueryTable.KustoType(c.Type))).ToList();
        foreach (var stage in stages.Skip(1))
        {
            if (WhereTime().Match(stage) is { Success: true } time)
            {
                var column = Known(columns, time.Groups["col"].Value);
                var bound = time.Groups["ago"].Success ? now - Ago(time.Groups["ago"].Value) : DateTimeOffset.Parse(time.Groups["date"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                rows = rows.Where(r => r.TryGetValue(column, out var v) && v is DateTimeOffset d && d > bound).ToList();
            }
            else if (WhereText().Match(stage) is { Success: true } text)
            {
                var column = Known(columns, text.Groups["col"].Value);
                var value = text.Groups["value"].Value;
                rows = text.Groups["op"].Value == "=="
                    ? rows.Where(r => r.TryGetValue(column, out var v) && v is string s && s == value).ToList()
                    : rows.Where(r => r.TryGetValue(column, out var v) && v is string s && HasTerm(s, value)).ToList();
            }
            else if (Project().Match(stage) is { Success: true } project)
            {
                columns = project.Groups["cols"].Value.Split(',').Select(c => c.Trim()).Select(c => columns.First(k => k.Name == Known(columns, c))).ToList();
            }
            else
            {
                throw new QueryException("BadArgumentError", $"the emulator does not implement the operator in '| {stage}'.");
            }
        }

        return new Result(columns, rows.Select(r => columns.Select(c => r.TryGetValue(c.Name, out var v) ? v : null).ToArray()).ToList());
    }

    private static string Known(List<(string Name, string Type)> columns, string name) =>
        columns.Any(c => c.Name == name) ? name : throw new QueryException("SemanticError", $"'{name}' is not a column here (a misspelled column fails in the service too).");

    private static TimeSpan Ago(string text)
    {
        var n = double.Parse(text[..^1], CultureInfo.InvariantCulture);
        return text[^1] switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => throw new QueryException("SyntaxError", $"unknown timespan '{text}'") };
    }

    /// <summary>KQL <c>has</c>: the term appears bounded by non-alphanumeric characters, case-insensitively.</summary>
    private static bool HasTerm(string haystack, string term)
    {
        for (var i = haystack.IndexOf(term, StringComparison.OrdinalIgnoreCase); i >= 0; i = haystack.IndexOf(term, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = i == 0 || !char.IsLetterOrDigit(haystack[i - 1]);
            var after = i + term.Length == haystack.Length || !char.IsLetterOrDigit(haystack[i + term.Length]);
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits on <c>|</c> outside string literals.</summary>
    private static List<string> SplitPipes(string query)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var inString = false;
        foreach (var c in query)
        {
            if (c == '"') inString = !inString;
            if (c == '|' && !inString)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (inString) throw new QueryException("SyntaxError", "an unterminated string literal.");
        parts.Add(current.ToString());
        return parts;
    }

    /// <summary>An ISO 8601 duration (the API's <c>timespan</c>), e.g. PT15M.</summary>
    public static TimeSpan ParseTimespan(string text) => XmlConvert.ToTimeSpan(text);

    [GeneratedRegex("""^where\s+(?<col>\w+)\s*>\s*(ago\((?<ago>\d+(\.\d+)?[mhd])\)|datetime\((?<date>[0-9T:\-\.Z]+)\))$""")]
    private static partial Regex WhereTime();

    [GeneratedRegex("""^where\s+(?<col>\w+)\s+(?<op>==|has)\s+"(?<value>[^"]*)"$""")]
    private static partial Regex WhereText();

    [GeneratedRegex("""^project\s+(?<cols>\w+(\s*,\s*\w+)*)$""")]
    private static partial Regex Project();
}
