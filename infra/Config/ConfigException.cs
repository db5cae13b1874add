namespace SentinelAwsIac.Infra.Config;

/// <summary>A config value the stack cannot be planned with. The message names the key and the fix; it never
/// contains the value of a secret key.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string key, string problem, string fix)
        : base($"Config key '{key}': {problem} Fix: {fix}")
    {
        Key = key;
    }

    public string Key { get; }
}
