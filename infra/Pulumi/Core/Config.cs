using System.Globalization;

namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>
/// The stack's config of one namespace, read as the Pulumi .NET SDK's <c>Config</c> reads it. A plain value is
/// known to the compiler and is written into the program as a literal; a secret is read only as an output
/// (<see cref="RequireSecret"/>), which the program keeps a reference to, so its value never appears in the
/// program text.
/// </summary>
public sealed class Config(string? name = null)
{
    public string Name { get; } = name ?? Deployment.Instance.Project;

    public string? Get(string key)
    {
        var state = Deployment.Instance;
        var qualified = Qualified(key);
        if (!state.Config.TryGetValue(qualified, out var value))
        {
            return null;
        }

        if (state.SecretKeys.Contains(qualified) || value is null)
        {
            throw new InvalidOperationException($"Config key '{qualified}' is secret; read it with RequireSecret, so that its value stays out of the program.");
        }

        return value;
    }

    public string Require(string key) => Get(key) ?? throw Missing(key);

    public int? GetInt32(string key) => Get(key) is { } text
        ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : throw NotA(key, "a whole number")
        : null;

    public int RequireInt32(string key) => GetInt32(key) ?? throw Missing(key);

    public bool? GetBoolean(string key) => Get(key) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => throw NotA(key, "true or false"),
    };

    public bool RequireBoolean(string key) => GetBoolean(key) ?? throw Missing(key);

    /// <summary>A secret value, as an output the program references: <c>null</c> when the key is not set.</summary>
    public Output<string>? GetSecret(string key) =>
        Deployment.Instance.Config.ContainsKey(Qualified(key)) ? Output.CreateSecret(new Output<string>(new ConfigReference(Name, key))) : null;

    public Output<string> RequireSecret(string key) => GetSecret(key) ?? throw Missing(key);

    private string Qualified(string key) => $"{Name}:{key}";

    private InvalidOperationException Missing(string key) => new($"Config key '{Qualified(key)}' is required but not set.");

    private InvalidOperationException NotA(string key, string what) => new($"Config key '{Qualified(key)}' is not {what}.");
}
