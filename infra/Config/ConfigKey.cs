using System.Globalization;
using System.Text.RegularExpressions;

namespace SentinelAwsIac.Infra.Config;

/// <summary>
/// One config key of the stack, defined once: its type, default, the values it accepts and what it controls. The
/// definition is what validation (<see cref="StackConfigReader"/>), the program (through <see cref="StackSettings"/>)
/// and docs/stack/config.md (<see cref="ConfigReference"/>) read.
/// </summary>
/// <param name="Key">Key within the project namespace (or a provider key such as <c>aws:region</c>).</param>
/// <param name="Meaning">What it controls.</param>
public abstract record ConfigKey(string Key, string Meaning)
{
    /// <summary>Set it with <c>pulumi config set --secret</c>; the program keeps it a reference, never a literal.</summary>
    public bool Secret { get; init; }

    /// <summary>The key as it appears in PULUMI_CONFIG and in Pulumi.&lt;stack&gt;.yaml.</summary>
    public string Qualified => Key.Contains(':', StringComparison.Ordinal) ? Key : ConfigKeys.Namespace + ":" + Key;

    /// <summary>The default as the reference shows it.</summary>
    public abstract string DefaultText { get; }

    /// <summary>The values it accepts, as the reference shows them.</summary>
    public abstract string Accepts { get; }

    public sealed override string ToString() => Qualified;
}

/// <summary>A string, optionally restricted by a pattern.</summary>
public sealed record TextKey(string Key, string Meaning) : ConfigKey(Key, Meaning)
{
    public string? Default { get; init; }

    /// <summary>The default when it is not a constant (e.g. "the <c>aws:region</c> value").</summary>
    public string? DefaultDescription { get; init; }

    public Regex? Pattern { get; init; }

    /// <summary>The pattern in words, for messages and the reference.</summary>
    public string? Expected { get; init; }

    /// <summary>A valid value for the fix in a message.</summary>
    public string? Example { get; init; }

    public override string DefaultText => Default ?? DefaultDescription ?? "(none)";

    public override string Accepts => Expected ?? "text";
}

/// <summary>A whole number within bounds.</summary>
public sealed record WholeNumberKey(string Key, string Meaning, int Min, int Max) : ConfigKey(Key, Meaning)
{
    public int? Default { get; init; }

    public string? DefaultDescription { get; init; }

    public override string DefaultText => Default?.ToString(CultureInfo.InvariantCulture) ?? DefaultDescription ?? "(none)";

    public override string Accepts => $"whole number {Min}–{Max}";
}

/// <summary>One of a fixed set of words, each standing for a value of <typeparamref name="T"/>.</summary>
public sealed record ChoiceKey<T>(string Key, string Meaning, string Default, params (string Text, T Value)[] Choices) : ConfigKey(Key, Meaning)
{
    public override string DefaultText => Default;

    public override string Accepts => string.Join(", ", Choices.Select(c => $"`{c.Text}`"));
}
