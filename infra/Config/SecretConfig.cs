using SentinelAwsIac.Infra.Pulumi;

using PulumiConfig = SentinelAwsIac.Infra.Pulumi.Config;

namespace SentinelAwsIac.Infra.Config;

/// <summary>The secret keys, read as outputs: the program keeps each a reference wrapped in fn::secret, so the value
/// never appears in the program text (infra/Program/ProgramSerializer).</summary>
public static class SecretConfig
{
    /// <summary>The value of a key defined <see cref="ConfigKey.Secret"/>, or null when the stack does not set it.</summary>
    public static Output<string>? Read(TextKey key)
    {
        if (!key.Secret)
        {
            throw new ArgumentException($"{key.Qualified} is not a secret; read it from StackSettings.", nameof(key));
        }

        var colon = key.Qualified.LastIndexOf(':');
        return new PulumiConfig(key.Qualified[..colon]).GetSecret(key.Qualified[(colon + 1)..]);
    }

    /// <summary>The keys whose values must never reach the program text.</summary>
    public static IReadOnlySet<string> Keys(IReadOnlyDictionary<string, string?> config) =>
        ConfigKeys.All.Where(k => k.Secret).Select(k => k.Qualified)
            .Concat(config.Where(e => e.Value is null).Select(e => e.Key))
            .ToHashSet(StringComparer.Ordinal);
}
