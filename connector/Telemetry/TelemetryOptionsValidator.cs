using Microsoft.Extensions.Options;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Telemetry;

/// <summary>A connection string, when set, has the two parts the exporter needs: the component's key and the
/// ingestion endpoint over HTTPS (Azure Monitor "Connection strings": semicolon-separated Key=Value pairs).</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var parts = options.ConnectionString!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        if (!parts.TryGetValue("InstrumentationKey", out var key) || !Guid.TryParse(key, out _))
        {
            errors.Add($"{WorkerSettings.TelemetryConnectionString} has no InstrumentationKey=<GUID>: copy the component's whole connection string (stack output or portal), or leave the setting empty to send no telemetry.");
        }
        if (!parts.TryGetValue("IngestionEndpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{WorkerSettings.TelemetryConnectionString} has no IngestionEndpoint=https://…: copy the component's whole connection string, or leave the setting empty to send no telemetry.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
