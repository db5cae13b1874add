using System.Collections.Immutable;

namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>
/// What an <see cref="Output{T}"/> stands for, as a tree the program serializer (infra/Program) turns into Pulumi
/// YAML. The typed layer never writes YAML itself: it only records what a value is made of.
/// </summary>
public abstract record OutputExpression;

/// <summary>A value the compiler knows: a string, number, bool, args object, enum constant, asset, list or map.</summary>
public sealed record KnownValue(object? Value) : OutputExpression;

/// <summary>An output property of a resource (<c>readerRole.Arn</c>); <see cref="Property"/> <c>id</c> is its ID.</summary>
public sealed record ResourceOutput(Resource Resource, string Property) : OutputExpression;

/// <summary>A config value that stays a reference in the program: a secret (<see cref="Config.RequireSecret"/>).</summary>
public sealed record ConfigReference(string Namespace, string Key) : OutputExpression;

/// <summary>A provider function call; its result is an object (see <see cref="MemberAccess"/>).</summary>
public sealed record InvokeCall(string Token, string Version, InvokeArgs? Args, InvokeOptions? Options) : OutputExpression;

/// <summary>A property path into another output (<c>invoke.Apply(d =&gt; d.Json)</c>). <see cref="NameHint"/> is the
/// C# name the source was written under (e.g. <c>readerTrustPolicy</c>), used to name a shared value.</summary>
public sealed record MemberAccess(OutputExpression Source, ImmutableArray<string> Path, string? NameHint) : OutputExpression;

/// <summary>A string or JSON value with outputs in it: <see cref="Holes"/>[i] stands where the text holds
/// <see cref="Placeholder.For"/>(i). Made by <see cref="Output.Format"/> and by <c>Apply</c> with a lambda that only
/// places its argument.</summary>
public sealed record Template(object Shape, ImmutableArray<OutputExpression> Holes) : OutputExpression;

/// <summary>The value, marked secret wherever it is used.</summary>
public sealed record SecretValue(OutputExpression Value) : OutputExpression;

/// <summary>The value serialized as JSON text (<see cref="Output.JsonSerialize{T}"/>).</summary>
public sealed record JsonText(OutputExpression Value) : OutputExpression;

/// <summary>Markers that stand for an output inside a string while a lambda runs (private-use characters, which
/// no config value or literal of the stack contains).</summary>
public static class Placeholder
{
    public const char Open = '\uE000';
    public const char Close = '\uE001';

    public static string For(int index) => $"{Open}{index}{Close}";
}
