using System.IO.Compression;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// Settings of the Logs Ingestion sink, bound from the "Sink" configuration section. The first five keys are the
/// ones the stack writes as app settings (<see cref="WorkerSettings"/>); the rest tune the sink and have defaults.
/// </summary>
public sealed class SinkOptions
{
    /// <summary>Logs ingestion URL of the data collection endpoint (Sink:Endpoint).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Immutable ID of the data collection rule, "dcr-…" (Sink:RuleId).</summary>
    public string? RuleId { get; set; }

    /// <summary>Stream of the DCR the events go to (Sink:StreamName), e.g. Custom-AWSCloudTrail_CL.</summary>
    public string? StreamName { get; set; } = TableSchema.CustomStreamName(CloudTrailTable.DefaultName);

    /// <summary>Stream the health rows go to (Sink:HealthStreamName).</summary>
    public string? HealthStreamName { get; set; } = TableSchema.CustomStreamName(HealthTable.DefaultName);

    /// <summary>Token audience (Sink:Audience): https://monitor.azure.com, .us (US Government) or .cn (China).</summary>
    public string? Audience { get; set; } = LogsIngestionAudience.AzurePublicCloud.Value;

    /// <summary>Uploads in flight at once. Azure.Monitor.Ingestion runs 5 in parallel by default (docs/facts.md#logs-ingestion-api-requests-limits-and-roles).</summary>
    public int MaxConcurrency { get; set; } = 5;

    /// <summary>Longest time a row waits for its batch to fill before the batch is sent anyway.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes of rows accepted but not yet delivered (buffered, in flight or being retried); SendAsync waits above it.</summary>
    public long MaxBufferedBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Largest uncompressed body of one upload: 1 000 000 bytes, the service's "1 MB" read as decimal
    /// (<see cref="IngestionLimits.MaxBodyBytes"/>, where the official clients' figures are cited).</summary>
    public int MaxBatchBytes { get; set; } = IngestionLimits.MaxBodyBytes;

    /// <summary>First wait before retrying a throttled or failed upload that had no Retry-After; doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>gzip effort (Sink:CompressionLevel). Fastest (zlib level 1, default) shrinks CloudTrail rows about 4× for
    /// ~4 µs CPU per KB; Optimal ~6× for about 2.5 times the CPU; NoCompression sends plain JSON (no Content-Encoding) for the least CPU.</summary>
    public CompressionLevel CompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>A copy that sends to another stream of the same rule (the health stream).</summary>
    public SinkOptions ForStream(string streamName)
    {
        var copy = (SinkOptions)MemberwiseClone();
        copy.StreamName = streamName;
        return copy;
    }
}
