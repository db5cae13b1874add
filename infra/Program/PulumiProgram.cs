using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Explain;

namespace SentinelAwsIac.Infra.Program;

/// <summary>
/// The Pulumi YAML program (emitted as JSON, which is valid YAML) the compiler prints, with the reviewer's notes on
/// its resources. The output is deterministic: insertion order, invariant formatting, '\n' line endings.
/// </summary>
public sealed class PulumiProgram(JsonObject program, IReadOnlyList<ResourceNote> notes)
{
    private static readonly JsonSerializerOptions RenderOptions = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Plain '<', '>', '&', '+' and non-ASCII stay readable in the committed rendering; JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => program["name"]!.GetValue<string>();

    public string Description => program["description"]!.GetValue<string>();

    public IReadOnlyList<ResourceNote> Notes { get; } = notes;

    public JsonObject ToJson() => program.DeepClone().AsObject();

    /// <summary>The program text the compiler prints: indented JSON ending with one newline.</summary>
    public string Render() => program.ToJsonString(RenderOptions) + "\n";
}
