namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>
/// The properties of a resource (or of a nested input object) in the order the program sets them, so the emitted
/// program reads like the code. Generated Args classes are typed views of this list.
/// </summary>
public abstract class ResourceArgs
{
    private readonly List<KeyValuePair<string, object>> _properties = [];

    /// <summary>The properties that were set, by their provider name, in the order they were set.</summary>
    internal IReadOnlyList<KeyValuePair<string, object>> PropertiesInOrder => _properties;

    protected T? Get<T>(string name) where T : class =>
        _properties.FirstOrDefault(p => p.Key == name).Value as T;

    protected void Set(string name, object? value)
    {
        var index = _properties.FindIndex(p => p.Key == name);
        if (value is null)
        {
            if (index >= 0)
            {
                _properties.RemoveAt(index);
            }

            return;
        }

        if (index < 0)
        {
            _properties.Add(new(name, value));
        }
        else
        {
            _properties[index] = new(name, value);
        }
    }

    /// <summary>A list property; created (and placed) when first read, so <c>X = { a, b }</c> works.</summary>
    protected InputList<T> GetList<T>(string name)
    {
        if (Get<InputList<T>>(name) is { } list)
        {
            return list;
        }

        list = [];
        Set(name, list);
        return list;
    }

    protected InputMap<T> GetMap<T>(string name)
    {
        if (Get<InputMap<T>>(name) is { } map)
        {
            return map;
        }

        map = [];
        Set(name, map);
        return map;
    }
}

/// <summary>The arguments of a provider function.</summary>
public abstract class InvokeArgs : ResourceArgs;
