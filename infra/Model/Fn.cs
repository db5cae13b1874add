using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Model;

/// <summary>
/// Expressions of the Pulumi YAML language (pulumi-yaml: pkg/pulumiyaml/ast; FACTS.md "Pulumi YAML compiler"):
/// interpolations <c>${name.property}</c> and the <c>fn::</c> built-ins this program needs.
/// </summary>
public static class Fn
{
    /// <summary><c>${name}</c> or <c>${name.path}</c>: a reference to a config key, variable or resource output.</summary>
    public static string Ref(string name, string? path = null) => path is null ? $"${{{name}}}" : $"${{{name}.{path}}}";

    /// <summary>A provider function call, pinned to the provider's version like the resources.</summary>
    public static JsonObject Invoke(string function, JsonObject arguments, string? returnProperty = null)
    {
        var invoke = new JsonObject { ["function"] = function, ["arguments"] = arguments };
        if (returnProperty is not null)
        {
            invoke["return"] = returnProperty;
        }

        invoke["options"] = new JsonObject { ["version"] = ProviderVersions.ForToken(function) };
        return new JsonObject { ["fn::invoke"] = invoke };
    }

    public static JsonObject Secret(JsonNode value) => new() { ["fn::secret"] = value };

    public static JsonObject FileAsset(string path) => new() { ["fn::fileAsset"] = path };

    /// <summary>Element <paramref name="index"/> of <paramref name="value"/> split at <paramref name="delimiter"/>.</summary>
    public static JsonObject SplitSelect(string value, string delimiter, int index) => new()
    {
        ["fn::select"] = new JsonArray(index, new JsonObject { ["fn::split"] = new JsonArray(delimiter, value) }),
    };

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray List(params string[] items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}
