using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>A value that is known when Pulumi runs the program (an output of a resource, a secret, a function's
/// result), or a value the compiler already knows. Like the Pulumi .NET SDK's <c>Output&lt;T&gt;</c>, but a
/// description of the value rather than a promise of it.</summary>
public sealed class Output<T> : IOutputSource
{
    internal Output(OutputExpression expression) => Expression = expression;

    public OutputExpression Expression { get; }

    internal static Output<T> Invoke(string token, string version, InvokeArgs? args, InvokeOptions? options) =>
        new(new InvokeCall(token, version, args, options));
}

/// <summary>Builds outputs: <see cref="Create{T}"/>, <see cref="Format"/>, <see cref="CreateSecret{T}"/>,
/// <see cref="JsonSerialize{T}"/>, as the Pulumi .NET SDK's <c>Output</c> does.</summary>
public static class Output
{
    public static Output<T> Create<T>(T value) => new(new KnownValue(value));

    /// <summary>The value, secret at every use (the program wraps it in the engine's secret marker).</summary>
    public static Output<T> CreateSecret<T>(Output<T> value) =>
        value.Expression is SecretValue ? value : new(new SecretValue(value.Expression));

    /// <summary>An interpolated string: <c>Output.Format($"https://{app.DefaultHostName}")</c>. Arguments may be
    /// outputs, inputs or plain values; alignment and format specifiers are not supported.</summary>
    public static Output<string> Format(FormattableString text)
    {
        var arguments = text.GetArguments();
        var holes = ImmutableArray.CreateBuilder<OutputExpression>();
        var shape = new System.Text.StringBuilder();
        var format = text.Format;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c is '{' or '}' && i + 1 < format.Length && format[i + 1] == c)
            {
                shape.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new FormatException($"Output.Format: unmatched '}}' in \"{format}\".");
            }

            if (c != '{')
            {
                shape.Append(c);
                continue;
            }

            var end = format.IndexOf('}', i);
            var index = end < 0 ? -1 : int.Parse(format.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
            if (index < 0)
            {
                throw new FormatException($"Output.Format: alignment and format specifiers are not supported (\"{format}\").");
            }

            var expression = ExpressionOf(arguments[index]);
            if (expression is KnownValue { Value: var known } && known is not ResourceArgs)
            {
                shape.Append(Convert.ToString(known, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                shape.Append(Placeholder.For(holes.Count));
                holes.Add(expression);
            }

            i = end;
        }

        return holes.Count == 0
            ? Create(shape.ToString())
            : new Output<string>(new Template(shape.ToString(), holes.ToImmutable()));
    }

    /// <summary>The value as JSON text (the workbook's document, with the workspace ID inside).</summary>
    public static Output<string> JsonSerialize<T>(Output<T> value) => new(new JsonText(value.Expression));

    internal static OutputExpression ExpressionOf(object? value) => value switch
    {
        IOutputSource source => source.Expression,
        _ => new KnownValue(value),
    };
}

/// <summary>Anything that carries an output expression: outputs and inputs.</summary>
public interface IOutputSource
{
    OutputExpression Expression { get; }
}

public static class OutputExtensions
{
    /// <summary>
    /// A value derived from the output. Two kinds of lambda are understood, which cover what a program that only
    /// wires values together needs, and which read the same in the Pulumi .NET SDK:
    /// a property path (<c>policy.Apply(d =&gt; d.Json)</c>, <c>endpoint.LogsIngestion.Apply(l =&gt; l.Endpoint)</c>),
    /// and a lambda that only places the value in a string or JSON tree it builds
    /// (<c>id.Apply(id =&gt; Document(id))</c>). A lambda that inspects the value fails when the program is built.
    /// </summary>
    public static Output<TResult> Apply<T, TResult>(this Output<T> source, Expression<Func<T, TResult>> selector, [CallerArgumentExpression(nameof(source))] string sourceText = "")
    {
        if (MemberPath(selector) is { } path)
        {
            if (source.Expression is KnownValue { Value: var value })
            {
                return Output.Create(selector.Compile()((T)value!));
            }

            return new Output<TResult>(new MemberAccess(source.Expression, path, NameHint(sourceText)));
        }

        if (source.Expression is KnownValue { Value: var known })
        {
            return Output.Create(selector.Compile()((T)known!));
        }

        if (typeof(T) != typeof(string))
        {
            throw new NotSupportedException($"Apply on an Output<{typeof(T).Name}> that is not known yet understands property paths only ({selector}).");
        }

        var placeholder = Placeholder.For(0);
        var result = selector.Compile()((T)(object)placeholder);
        if (!Contains(result, placeholder))
        {
            throw new NotSupportedException($"Apply({selector}): the lambda does not pass its argument through unchanged, so its result is not known until deployment; only lambdas that place the value are supported.");
        }

        return new Output<TResult>(new Template(result!, [source.Expression]));
    }

    private static ImmutableArray<string>? MemberPath(LambdaExpression selector)
    {
        var path = new List<string>();
        var node = selector.Body;
        while (node is MemberExpression member)
        {
            var name = member.Member.GetCustomAttribute<OutputAttribute>()?.Name;
            if (name is null)
            {
                return null;
            }

            path.Insert(0, name);
            node = member.Expression;
        }

        return node == selector.Parameters[0] && path.Count > 0 ? [.. path] : null;
    }

    private static bool Contains(object? result, string placeholder) => result switch
    {
        string text => text.Contains(placeholder, StringComparison.Ordinal),
        JsonObject node => node.Any(p => Contains(p.Value, placeholder)),
        JsonArray node => node.Any(i => Contains(i, placeholder)),
        JsonValue node => node.TryGetValue<string>(out var text) && text.Contains(placeholder, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The last identifier of the C# expression the output was written as (<c>azure.Client</c> → client).</summary>
    private static string? NameHint(string sourceText)
    {
        var last = sourceText.Split('.').Last().Trim();
        return last.Length > 0 && last.All(c => char.IsLetterOrDigit(c) || c == '_') && char.IsLetter(last[0])
            ? char.ToLowerInvariant(last[0]) + last[1..]
            : null;
    }
}
