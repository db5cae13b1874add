using System.Text.Json;
using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Diff;

/// <summary>One property that differs: its path inside the entry and its values before and after, as JSON text
/// (null: absent on that side). Values are the program's own text, so a secret is still the <c>${reference}</c>
/// the program holds (config values never enter the program inline; see README "How it is built").</summary>
public sealed record PropertyChange(string Path, string? Before, string? After);

/// <summary>An entry (resource, variable, output or config declaration) present on both sides whose content differs.</summary>
public sealed record ChangedEntry(string Name, string? Type, IReadOnlyList<PropertyChange> Changes);

/// <summary>An entry present on one side only, with its leaves (path → value) for the reader.</summary>
public sealed record AddedOrRemovedEntry(string Name, string? Type, IReadOnlyList<PropertyChange> Leaves);

/// <summary>The differences of one section of the program (<c>resources</c>, <c>variables</c>, <c>outputs</c>, <c>config</c>).</summary>
public sealed record SectionDiff(string Section, IReadOnlyList<AddedOrRemovedEntry> Added, IReadOnlyList<AddedOrRemovedEntry> Removed, IReadOnlyList<ChangedEntry> Changed)
{
    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;
}

/// <summary>
/// Compares two Pulumi YAML programs (JSON form, as <c>infra/compile render</c> prints them) entry by entry:
/// resources, variables, outputs and config declarations by their logical name, then property by property down to
/// the leaves. A string that holds a JSON document on both sides (a workbook's <c>serializedData</c>) is compared
/// inside, its path marked <c>(json)</c>. It says what changed, never how the provider will apply it: whether a
/// change updates in place or replaces is the provider's decision at <c>pulumi preview</c>, unknowable offline.
/// </summary>
public static class ProgramDiff
{
    /// <summary>The program's sections, in the order a reviewer reads them.</summary>
    public static readonly IReadOnlyList<string> Sections = ["resources", "variables", "outputs", "config"];

    /// <summary>Placeholder printed for a value that is secret and not a reference (never in our renderings; a guard).</summary>
    public const string SecretMask = "[secret]";

    public static IReadOnlyList<SectionDiff> Compare(JsonNode? before, JsonNode? after) =>
        Sections.Select(section => CompareSection(section, before?[section] as JsonObject, after?[section] as JsonObject)).ToList();

    private static SectionDiff CompareSection(string section, JsonObject? before, JsonObject? after)
    {
        before ??= [];
        after ??= [];
        var added = new List<AddedOrRemovedEntry>();
        var removed = new List<AddedOrRemovedEntry>();
        var changed = new List<ChangedEntry>();
        foreach (var (name, node) in after.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!before.ContainsKey(name))
            {
                added.Add(new AddedOrRemovedEntry(name, TypeOf(section, node), EntryLeaves(section, node).ToList()));
            }
        }

        foreach (var (name, node) in before.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!after.TryGetPropertyValue(name, out var afterNode))
            {
                removed.Add(new AddedOrRemovedEntry(name, TypeOf(section, node), EntryLeaves(section, node).Select(l => new PropertyChange(l.Path, l.After, null)).ToList()));
                continue;
            }

            var changes = new List<PropertyChange>();
            CompareNodes(section, node, afterNode, string.Empty, changes);
            if (changes.Count > 0)
            {
                changed.Add(new ChangedEntry(name, TypeOf(section, afterNode) ?? TypeOf(section, node), changes));
            }
        }

        return new SectionDiff(section, added, removed, changed);
    }

    /// <summary>An entry's leaves, less a resource's <c>type</c> (the heading names it).</summary>
    private static IEnumerable<PropertyChange> EntryLeaves(string section, JsonNode? node) =>
        Leaves(section, node, string.Empty).Where(l => !(section == "resources" && l.Path == "type"));

    private static string? TypeOf(string section, JsonNode? node) =>
        section == "resources" && node is JsonObject o && o["type"] is JsonValue v && v.TryGetValue<string>(out var type) ? type : null;

    private static void CompareNodes(string section, JsonNode? before, JsonNode? after, string path, List<PropertyChange> changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (before is JsonObject beforeObject && after is JsonObject afterObject && !IsSecret(before) && !IsSecret(after))
        {
            foreach (var key in beforeObject.Select(e => e.Key).Union(afterObject.Select(e => e.Key)).Order(StringComparer.Ordinal))
            {
                var childPath = Join(path, key);
                var hasBefore = beforeObject.TryGetPropertyValue(key, out var b);
                var hasAfter = afterObject.TryGetPropertyValue(key, out var a);
                if (hasBefore && hasAfter)
                {
                    CompareNodes(section, b, a, childPath, changes);
                }
                else if (hasAfter)
                {
                    changes.AddRange(Leaves(section, a, childPath).Select(l => l with { Before = null }));
                }
                else
                {
                    changes.AddRange(Leaves(section, b, childPath).Select(l => new PropertyChange(l.Path, l.After, null)));
                }
            }

            return;
        }

        if (before is JsonArray beforeArray && after is JsonArray afterArray)
        {
            for (var i = 0; i < Math.Max(beforeArray.Count, afterArray.Count); i++)
            {
                var childPath = $"{path}[{i}]";
                if (i < beforeArray.Count && i < afterArray.Count)
                {
                    CompareNodes(section, beforeArray[i], afterArray[i], childPath, changes);
                }
                else if (i < afterArray.Count)
                {
                    changes.AddRange(Leaves(section, afterArray[i], childPath).Select(l => l with { Before = null }));
                }
                else
                {
                    changes.AddRange(Leaves(section, beforeArray[i], childPath).Select(l => new PropertyChange(l.Path, l.After, null)));
                }
            }

            return;
        }

        if (EmbeddedJson(before) is { } beforeDocument && EmbeddedJson(after) is { } afterDocument)
        {
            CompareNodes(section, beforeDocument, afterDocument, path + "(json)", changes);
            return;
        }

        changes.Add(new PropertyChange(path, Show(section, path, before), Show(section, path, after)));
    }

    /// <summary>Every leaf of a subtree as (path, value) in <see cref="PropertyChange.After"/>; an empty object or
    /// array, and a secret, are leaves themselves.</summary>
    private static IEnumerable<PropertyChange> Leaves(string section, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0 && !IsSecret(o):
                foreach (var (key, child) in o.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    foreach (var leaf in Leaves(section, child, Join(path, key)))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonArray a when a.Count > 0:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var leaf in Leaves(section, a[i], $"{path}[{i}]"))
                    {
                        yield return leaf;
                    }
                }

                break;
            default:
                yield return new PropertyChange(path, null, Show(section, path, node));
                break;
        }
    }

    /// <summary>A value as the reader sees it: compact JSON; a <c>fn::secret</c> whose content is not a plain
    /// <c>${reference}</c>, or a secret config declaration's default, is masked.</summary>
    private static string Show(string section, string path, JsonNode? node)
    {
        if (IsSecret(node))
        {
            var inner = node!["fn::secret"];
            return inner is JsonValue v && v.TryGetValue<string>(out var s) && IsPlainReference(s)
                ? $"{{\"fn::secret\":{JsonSerializer.Serialize(s)}}}"
                : $"{{\"fn::secret\":\"{SecretMask}\"}}";
        }

        if (section == "config" && (path == "default" || path.EndsWith(".default", StringComparison.Ordinal)) && node?.Parent?["secret"] is JsonValue secret && secret.TryGetValue<bool>(out var isSecret) && isSecret)
        {
            return $"\"{SecretMask}\"";
        }

        return node?.ToJsonString(Compact) ?? "null";
    }

    private static bool IsSecret(JsonNode? node) => node is JsonObject o && o.Count == 1 && o.ContainsKey("fn::secret");

    /// <summary>True for <c>${name}</c> or <c>${name.path}</c> and nothing else.</summary>
    private static bool IsPlainReference(string s) =>
        s.StartsWith("${", StringComparison.Ordinal) && s.EndsWith('}') && s.IndexOf('}') == s.Length - 1 && s.LastIndexOf("${", StringComparison.Ordinal) == 0;

    private static JsonNode? EmbeddedJson(JsonNode? node)
    {
        if (node is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length < 2 || s.TrimStart() is not ['{' or '[', ..])
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(s);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>a.b</c>, or <c>a["b.c"]</c> when the key is not a plain name.</summary>
    private static string Join(string path, string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or ':' or '$');
        if (!plain)
        {
            return $"{path}[{JsonSerializer.Serialize(key)}]";
        }

        return path.Length == 0 ? key : $"{path}.{key}";
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
