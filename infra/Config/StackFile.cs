using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Config;

/// <summary>
/// Reads the <c>config:</c> map of a stack settings file (Pulumi.&lt;stack&gt;.yaml) into the same shape as
/// PULUMI_CONFIG: <c>namespace:key</c> → string. It understands what <c>pulumi config set</c> writes: scalar
/// values (plain or quoted), <c>secure:</c> values (returned as null: set, but unknown offline), and one level
/// of nested map (written by <c>--path</c>, returned as a JSON object string, as Pulumi passes it).
/// </summary>
public static class StackFile
{
    private static readonly System.Text.Json.JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathFor(string rootDirectory, string stack) => Path.Combine(rootDirectory, $"Pulumi.{stack}.yaml");

    public static Dictionary<string, string?> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(Path.GetFileName(path), "the stack settings file does not exist.", $"create it with `pulumi stack init` and `pulumi config set`, or pass an existing stack to --stack.");
        }

        var lines = File.ReadAllLines(path);
        var config = new Dictionary<string, string?>(StringComparer.Ordinal);
        var inConfig = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            if (indent == 0)
            {
                inConfig = line.TrimEnd() == "config:";
                continue;
            }

            if (!inConfig)
            {
                continue;
            }

            var (key, value) = Split(line.Trim(), path, i);
            if (value.Length > 0)
            {
                config[key] = Unquote(value);
                continue;
            }

            // A nested map: either `secure: <ciphertext>` or a structured value.
            var nested = new JsonObject();
            string? secure = null;
            while (i + 1 < lines.Length && Indent(StripComment(lines[i + 1])) > indent)
            {
                i++;
                var (childKey, childValue) = Split(StripComment(lines[i]).Trim(), path, i);
                if (childKey == "secure")
                {
                    secure = childValue;
                }
                else
                {
                    nested[childKey] = Unquote(childValue);
                }
            }

            config[key] = secure is not null ? null : nested.ToJsonString(Compact);
        }

        return config;
    }

    private static int Indent(string line) => line.Trim().Length == 0 ? int.MaxValue : line.Length - line.TrimStart().Length;

    private static string StripComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith('#') ? "" : line;
    }

    private static (string Key, string Value) Split(string entry, string path, int index)
    {
        var colon = entry.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 && entry.EndsWith(':'))
        {
            return (Unquote(entry[..^1]), "");
        }

        if (colon < 0)
        {
            throw new ConfigException(Path.GetFileName(path), $"line {index + 1} is not a `key: value` entry.", "write it the way `pulumi config set` does.");
        }

        return (Unquote(entry[..colon].Trim()), entry[(colon + 2)..].Trim());
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            return JsonNode.Parse(value)!.GetValue<string>();
        }

        if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
        {
            return value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        return value;
    }
}
