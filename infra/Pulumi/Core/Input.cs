using System.Collections;
using System.Collections.Immutable;

namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>A property value: a plain value or an output (implicit conversions from both, as in the Pulumi .NET SDK).</summary>
public sealed class Input<T> : IOutputSource
{
    private Input(OutputExpression expression) => Expression = expression;

    public OutputExpression Expression { get; }

    public static implicit operator Input<T>(T value) => new(new KnownValue(value));

    public static implicit operator Input<T>(Output<T> value) => new(value.Expression);
}

/// <summary>A list property: items that are each a value or an output (collection initializers work).</summary>
public sealed class InputList<T> : IEnumerable<Input<T>>
{
    private readonly List<Input<T>> _items = [];

    public IReadOnlyList<Input<T>> Items => _items;

    public void Add(params Input<T>[] items) => _items.AddRange(items);

    public static implicit operator InputList<T>(T value) => [value];

    public static implicit operator InputList<T>(T[] values) => From(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(Input<T>[] values) => From(values);

    public static implicit operator InputList<T>(List<T> values) => From(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(ImmutableArray<T> values) => From(values.Select(v => (Input<T>)v));

    public static implicit operator InputList<T>(Output<T> value) => [(Input<T>)value];

    public IEnumerator<Input<T>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static InputList<T> From(IEnumerable<Input<T>> items)
    {
        var list = new InputList<T>();
        list._items.AddRange(items);
        return list;
    }
}

/// <summary>A map property, kept in insertion order.</summary>
public sealed class InputMap<T> : IEnumerable<KeyValuePair<string, Input<T>>>
{
    private readonly List<KeyValuePair<string, Input<T>>> _entries = [];

    public IReadOnlyList<KeyValuePair<string, Input<T>>> Entries => _entries;

    public void Add(string key, Input<T> value)
    {
        if (_entries.Any(e => e.Key == key))
        {
            throw new ArgumentException($"The map has key '{key}' already.", nameof(key));
        }

        _entries.Add(new(key, value));
    }

    public Input<T> this[string key]
    {
        set
        {
            var index = _entries.FindIndex(e => e.Key == key);
            if (index < 0)
            {
                _entries.Add(new(key, value));
            }
            else
            {
                _entries[index] = new(key, value);
            }
        }
    }

    public static implicit operator InputMap<T>(Dictionary<string, T> values) => From(values);

    public static implicit operator InputMap<T>(ImmutableDictionary<string, T> values) => From(values);

    public static implicit operator InputMap<T>(SortedDictionary<string, T> values) => From(values);

    public IEnumerator<KeyValuePair<string, Input<T>>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static InputMap<T> From(IEnumerable<KeyValuePair<string, T>> values)
    {
        var map = new InputMap<T>();
        foreach (var (key, value) in values)
        {
            map.Add(key, value);
        }

        return map;
    }
}
