using System.Text.RegularExpressions;

namespace SentinelAwsIac.Infra.Tests.Support;

/// <summary>
/// A small KQL reader for one check: which identifiers a query uses that are neither a KQL keyword or function, nor
/// a name the query defines (<c>let X =</c>, <c>Name = expr</c> in extend/summarize/project), nor a property after a
/// dot (<c>parse_json(x).Field</c>). What remains must be a table or a column. String literals, comments and Pulumi
/// interpolations (<c>${key}</c>, replaced by a number) are removed first; function calls must name a known function.
/// </summary>
internal static partial class KqlIdentifiers
{
    /// <summary>Operators, keywords, chart kinds and literals this project's KQL uses (Kusto query language reference).</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "let", "where", "summarize", "by", "make_series", "default", "on", "from", "to", "step", "project", "extend",
        "union", "isfuzzy", "join", "sort", "order", "top", "desc", "asc", "and", "or", "between", "render", "timechart",
        "barchart", "piechart", "table", "in", "has", "contains", "true", "false", "kind", "take", "limit", "distinct",
        "count",
    };

    /// <summary>Functions this project's KQL calls (Kusto scalar and aggregation functions).</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ago", "now", "startofday", "bin", "count", "countif", "max", "min", "maxif", "minif", "arg_max", "arg_min",
        "iff", "isnull", "isnotnull", "isempty", "isnotempty", "tostring", "toint", "parse_json", "dcount", "sum",
        "avg", "strcat", "datetime_diff",
    };

    /// <summary>Identifiers of <paramref name="kql"/> that are not keywords, functions, definitions or properties.</summary>
    public static IReadOnlyList<string> Unknown(string kql, out IReadOnlyList<string> unknownFunctions)
    {
        var text = Interpolation().Replace(kql, "0");
        text = Comment().Replace(text, "");
        text = StringLiteral().Replace(text, "\"\"");
        // Hyphenated operators are one word (make-series, project-away, mv-expand).
        text = Hyphenated().Replace(text, m => m.Value.Replace('-', '_'));

        var tokens = Token().Matches(text).Select(m => (m.Value, m.Index)).ToList();
        var defined = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var (token, index) = tokens[i];
            var after = NextNonSpace(text, index + token.Length);
            var isDefinition = IsIdentifier(token) && after == '=' && NextNonSpace(text, NextNonSpaceIndex(text, index + token.Length) + 1) is not ('=' or '~');
            if (isDefinition)
            {
                defined.Add(token);
            }
        }

        var unknown = new List<string>();
        var functions = new List<string>();
        foreach (var (token, index) in tokens)
        {
            if (!IsIdentifier(token) || defined.Contains(token))
            {
                continue;
            }

            var before = PreviousNonSpace(text, index - 1);
            if (before == '.')
            {
                continue;
            }

            if (NextNonSpace(text, index + token.Length) == '(' && !Keywords.Contains(token))
            {
                if (!Functions.Contains(token))
                {
                    functions.Add(token);
                }

                continue;
            }

            if (!Keywords.Contains(token))
            {
                unknown.Add(token);
            }
        }

        unknownFunctions = functions.Distinct().ToList();
        return unknown.Distinct().ToList();
    }

    private static bool IsIdentifier(string token) => char.IsLetter(token[0]) || token[0] == '_';

    private static int NextNonSpaceIndex(string text, int from)
    {
        var i = from;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static char NextNonSpace(string text, int from)
    {
        var i = NextNonSpaceIndex(text, from);
        return i < text.Length ? text[i] : '\0';
    }

    private static char PreviousNonSpace(string text, int from)
    {
        var i = from;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i >= 0 ? text[i] : '\0';
    }

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"@?""(?:[^""\\]|\\.)*""|@?'(?:[^'\\]|\\.)*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b(make|project|mv|parse|top|summarize)-[a-z]+\b")]
    private static partial Regex Hyphenated();

    // Numbers with an optional unit (30d, 5m, 1.5h) are one token, so the unit is not read as an identifier.
    [GeneratedRegex(@"\d+(?:\.\d+)?[A-Za-z]*|[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Token();
}
