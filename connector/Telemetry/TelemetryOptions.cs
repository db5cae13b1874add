namespace SentinelAwsIac.Connector.Telemetry;

/// <summary>Section <c>Telemetry</c>: metrics and traces to Application Insights. Without a connection string
/// nothing is registered and nothing is sent.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The Application Insights component's connection string (<c>InstrumentationKey=…;IngestionEndpoint=…</c>).
    /// The worker authenticates with its Entra ID credential, so the string's key alone lets no one write
    /// (the stack turns the component's local authentication off).</summary>
    public string? ConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
