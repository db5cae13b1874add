namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// The Entra ID audience of the Logs Ingestion API in one Azure cloud, shaped like
/// Azure.Monitor.Ingestion's <c>LogsIngestionAudience</c>. The token scope is <c>&lt;audience&gt;//.default</c>
/// with the double slash, as the Azure Monitor docs write it (docs/facts.md#logs-ingestion-api-requests-limits-and-roles).
/// </summary>
public readonly record struct LogsIngestionAudience
{
    public LogsIngestionAudience(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"The Logs Ingestion audience '{value}' must be an https URL such as {PublicCloudValue}.", nameof(value));
        Value = value.TrimEnd('/');
    }

    private const string PublicCloudValue = "https://monitor.azure.com";

    /// <summary>Azure public cloud (default).</summary>
    public static LogsIngestionAudience AzurePublicCloud { get; } = new(PublicCloudValue);

    /// <summary>Azure US Government.</summary>
    public static LogsIngestionAudience AzureGovernment { get; } = new("https://monitor.azure.us");

    /// <summary>Azure operated by 21Vianet (China).</summary>
    public static LogsIngestionAudience AzureChina { get; } = new("https://monitor.azure.cn");

    /// <summary>The audience without a trailing slash, e.g. https://monitor.azure.com.</summary>
    public string Value { get; }

    /// <summary>The scope to request a token for: <c>https://monitor.azure.com//.default</c>.</summary>
    public string Scope => Value + "//.default";

    public override string ToString() => Value;
}
