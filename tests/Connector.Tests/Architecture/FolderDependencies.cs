using System.Text.RegularExpressions;

namespace SentinelAwsIac.Connector.Tests.Architecture;

/// <summary>
/// Which top-level folders of <c>connector/</c> each folder's code refers to, read from the source text: <c>using
/// SentinelAwsIac.Connector.X</c> lines, fully qualified <c>SentinelAwsIac.Connector.X.</c> names and names qualified by a
/// folder relative to the connector's namespace (<c>Pipeline.PartitionRunner</c>). No compiler needed: the folders are the
/// namespaces (each file's namespace is its folder's).
/// </summary>
internal static partial class FolderDependencies
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string connectorRoot)
    {
        var folders = Directory.GetDirectories(connectorRoot)
            .Select(Path.GetFileName)
            .Where(n => n is not null && n != "bin" && n != "obj" && !n.StartsWith('.'))
            .Select(n => n!)
            .ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(f => f, _ => (IReadOnlySet<string>)new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var targets = (HashSet<string>)graph[folder];
            foreach (var file in Directory.EnumerateFiles(Path.Combine(connectorRoot, folder), "*.cs", SearchOption.AllDirectories))
                foreach (var target in References(File.ReadAllText(file), folders))
                    if (target != folder) targets.Add(target);
        }
        return graph;
    }

    /// <summary>The folders a C# source text refers to, among <paramref name="folders"/>.</summary>
    public static IEnumerable<string> References(string source, IReadOnlySet<string> folders)
    {
        var code = Comment().Replace(source, "");
        foreach (Match m in Qualified().Matches(code))
            if (folders.Contains(m.Groups[1].Value)) yield return m.Groups[1].Value;
    }

    /// <summary>A cycle of the graph as a path that ends where it starts (A → B → A), or null when it has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;

        List<string>? Visit(string node)
        {
            if (state.TryGetValue(node, out var s))
                return s == 1 ? [.. path.Skip(path.IndexOf(node)), node] : null;
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var targets) ? targets.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\bSentinelAwsIac\.Connector\.([A-Z]\w*)")]
    private static partial Regex Qualified();
}
