using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Model;

/// <summary>One resource as a reviewer sees it: what it is, its logical name, and what it is for.</summary>
public sealed record ResourceNote(string Section, string Name, string Type, string Purpose, bool IsExisting);

/// <summary>
/// Builds the Pulumi YAML program (emitted as JSON, which is valid YAML) in the order the architecture reads:
/// sections appear in the order they are added. Every resource and invoke carries its provider's pinned
/// version. The output is deterministic: insertion order, invariant formatting, '\n' line endings.
/// </summary>
public sealed class PulumiProgram
{
    private readonly JsonObject _config = [];
    private readonly JsonObject _variables = [];
    private readonly JsonObject _resources = [];
    private readonly JsonObject _outputs = [];
    private readonly List<ResourceNote> _notes = [];
    private string _section = "";

    public PulumiProgram(string name, string description)
    {
        Name = name;
        Description = description;
    }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<ResourceNote> Notes => _notes;

    /// <summary>Starts a section of the architecture; resources added next are listed under it by <c>explain</c>.</summary>
    public void Section(string title) => _section = title;

    /// <summary>Declares a project config key (namespace of Pulumi.yaml) and returns its reference <c>${key}</c>.</summary>
    public string Config(string key, string type = "string", JsonNode? defaultValue = null, bool secret = false)
    {
        if (!_config.ContainsKey(key))
        {
            var declaration = new JsonObject { ["type"] = type };
            if (defaultValue is not null)
            {
                declaration["default"] = defaultValue;
            }

            if (secret)
            {
                declaration["secret"] = true;
            }

            _config[key] = declaration;
        }

        return Fn.Ref(key);
    }

    /// <summary>Declares a variable and returns its reference.</summary>
    public string Variable(string name, JsonNode value)
    {
        Add(_variables, name, value);
        return Fn.Ref(name);
    }

    /// <summary>Declares a variable the first time it is asked for, so a program declares only what it uses.</summary>
    public string SharedVariable(string name, Func<JsonNode> value)
    {
        if (!_variables.ContainsKey(name))
        {
            Add(_variables, name, value());
        }

        return Fn.Ref(name);
    }

    /// <summary>Declares a resource the stack manages.</summary>
    public string Resource(string name, string type, string purpose, JsonObject properties, JsonObject? options = null)
    {
        var resource = new JsonObject { ["type"] = type, ["properties"] = properties, ["options"] = WithVersion(type, options) };
        Add(_resources, name, resource);
        _notes.Add(new ResourceNote(_section, name, type, purpose, IsExisting: false));
        return name;
    }

    /// <summary>Reads an existing resource by ID (<c>get</c>): the stack uses it but never creates or deletes it.</summary>
    public string Existing(string name, string type, string purpose, JsonNode id)
    {
        var resource = new JsonObject { ["type"] = type, ["get"] = new JsonObject { ["id"] = id }, ["options"] = WithVersion(type, null) };
        Add(_resources, name, resource);
        _notes.Add(new ResourceNote(_section, name, type, purpose, IsExisting: true));
        return name;
    }

    public void Output(string name, JsonNode value) => Add(_outputs, name, value);

    public JsonObject ToJson()
    {
        var program = new JsonObject
        {
            ["name"] = Name,
            ["description"] = Description,
            ["config"] = _config.DeepClone(),
            ["variables"] = _variables.DeepClone(),
            ["resources"] = _resources.DeepClone(),
            ["outputs"] = _outputs.DeepClone(),
        };
        return program;
    }

    private static readonly JsonSerializerOptions RenderOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Plain '<', '>', '&', '+' and non-ASCII stay readable in the committed rendering; JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The program text the compiler prints: indented JSON ending with one newline.</summary>
    public string Render() => ToJson().ToJsonString(RenderOptions) + "\n";

    private static JsonObject WithVersion(string type, JsonObject? options)
    {
        var result = options ?? [];
        result["version"] = ProviderVersions.ForToken(type);
        return result;
    }

    private static void Add(JsonObject section, string name, JsonNode value)
    {
        if (section.ContainsKey(name))
        {
            throw new InvalidOperationException($"The program declares '{name}' twice; each logical name must be unique.");
        }

        section[name] = value;
    }
}
