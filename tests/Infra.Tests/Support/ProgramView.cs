using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SentinelAwsIac.Infra.Tests.Support;

/// <summary>Read access to an emitted program, for assertions.</summary>
internal sealed partial class ProgramView(JsonObject program)
{
    public JsonObject Json { get; } = program;

    public JsonObject Config => Json["config"]!.AsObject();

    public JsonObject Variables => Json["variables"]!.AsObject();

    public JsonObject ResourcesSection => Json["resources"]!.AsObject();

    public JsonObject Outputs => Json["outputs"]!.AsObject();

    public JsonObject Resource(string name) =>
        ResourcesSection[name]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"The program has no resource '{name}'. Resources: {string.Join(", ", ResourcesSection.Select(r => r.Key))}");

    public JsonObject Properties(string name) => Resource(name)["properties"]!.AsObject();

    public IEnumerable<(string Name, JsonObject Resource)> OfType(string type) =>
        ResourcesSection.Where(r => r.Value!["type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));

    public ISet<string> Types => ResourcesSection.Select(r => r.Value!["type"]!.GetValue<string>()).ToHashSet();

    /// <summary>The single statement of the policy document behind <c>${variable.json}</c>.</summary>
    public JsonObject Statement(string reference)
    {
        var variable = Unref(reference).Split('.')[0];
        var invoke = Variables[variable]?["fn::invoke"] ?? throw new Xunit.Sdk.XunitException($"'{reference}' is not a variable holding an invoke.");
        Xunit.Assert.Equal("aws:iam:getPolicyDocument", invoke["function"]!.GetValue<string>());
        return Xunit.Assert.Single(invoke["arguments"]!["statements"]!.AsArray())!.AsObject();
    }

    public static string Unref(string reference)
    {
        var match = WholeReference().Match(reference);
        Xunit.Assert.True(match.Success, $"'{reference}' is not a single ${{…}} reference.");
        return match.Groups[1].Value;
    }

    /// <summary>Every string anywhere in the program, with its JSON path.</summary>
    public IEnumerable<(string Path, string Value)> Strings() => Walk(Json, "$");

    /// <summary>Every ${…} expression in the program.</summary>
    public IEnumerable<(string Path, string Expression)> References() =>
        Strings().SelectMany(s => AnyReference().Matches(s.Value).Select(m => (s.Path, m.Groups[1].Value)));

    /// <summary>(package, version) of every resource and invoke.</summary>
    public ISet<(string Package, string Version)> Packages()
    {
        var packages = new HashSet<(string, string)>();
        foreach (var (_, resource) in ResourcesSection)
        {
            packages.Add((Package(resource!["type"]!.GetValue<string>()), resource["options"]!["version"]!.GetValue<string>()));
        }

        foreach (var invoke in Nodes(Json).OfType<JsonObject>().Where(o => o.ContainsKey("fn::invoke")).Select(o => o["fn::invoke"]!))
        {
            packages.Add((Package(invoke["function"]!.GetValue<string>()), invoke["options"]!["version"]!.GetValue<string>()));
        }

        return packages;
    }

    private static string Package(string token) => token[..token.IndexOf(':')];

    private static IEnumerable<JsonNode> Nodes(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.SelectMany(Nodes))
        {
            yield return child;
        }
    }

    private static IEnumerable<(string, string)> Walk(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Walk(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Walk(item, $"{path}[{i}]")),
        JsonValue v when v.TryGetValue<string>(out var s) => [(path, s)],
        _ => [],
    };

    [GeneratedRegex(@"^\$\{([^}]+)\}$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex AnyReference();
}
