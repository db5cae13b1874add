using Azure.Core;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>Options of <see cref="LogsIngestionClient"/>: the Azure.Core pipeline options (transport, retry,
/// diagnostics) plus the audience and the service version, as Azure.Monitor.Ingestion's options.</summary>
public class LogsIngestionClientOptions : ClientOptions
{
    /// <summary>Versions of the Logs Ingestion API this client speaks.</summary>
    public enum ServiceVersion
    {
        /// <summary>2023-01-01 (<see cref="IngestionLimits.ApiVersion"/>).</summary>
        [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Named as Azure.Monitor.Ingestion names its service versions (LogsIngestionClientOptions.ServiceVersion.V2023_01_01).")]
        V2023_01_01 = 1,
    }

    public LogsIngestionClientOptions(ServiceVersion version = ServiceVersion.V2023_01_01)
    {
        Version = version switch
        {
            ServiceVersion.V2023_01_01 => IngestionLimits.ApiVersion,
            _ => throw new NotSupportedException($"Logs Ingestion service version {version} is not supported; use {ServiceVersion.V2023_01_01}."),
        };
    }

    /// <summary>The api-version query value sent with every call.</summary>
    public string Version { get; }

    /// <summary>Audience of the bearer token; null means <see cref="LogsIngestionAudience.AzurePublicCloud"/>.</summary>
    public LogsIngestionAudience? Audience { get; set; }
}
