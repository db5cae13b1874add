using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>What the Logs Ingestion emulator knows and enforces. Defaults are the service's documented limits (docs/facts.md#logs-ingestion-api-requests-limits-and-roles).</summary>
public sealed class LogsIngestionEmulatorOptions
{
    /// <summary>Immutable ID of the rule the emulator knows by default.</summary>
    public const string DefaultRuleId = "dcr-00000000000000000000000000000001";

    /// <summary>Token audience accepted (aud claim), without trailing slash.</summary>
    public string Audience { get; set; } = "https://monitor.azure.com";

    /// <summary>Rules by immutable ID → stream name → the stream's declared columns.</summary>
    public Dictionary<string, Dictionary<string, IReadOnlyList<Column>>> Rules { get; set; } = new()
    {
        [DefaultRuleId] = new()
        {
            [TableSchema.CustomStreamName(CloudTrailTable.DefaultName)] = CloudTrailTable.Columns,
            [TableSchema.CustomStreamName(HealthTable.DefaultName)] = HealthTable.Columns,
            [CloudTrailTable.BuiltInOutputStream] = CloudTrailTable.Columns,
        },
    };

    /// <summary>Largest body, compressed and uncompressed; above it 413 ContentLengthLimitExceeded (<see cref="IngestionLimits.MaxBodyBytes"/>).</summary>
    public int MaxBodyBytes { get; set; } = IngestionLimits.MaxBodyBytes;

    /// <summary>Requests per minute per rule before 429 (12 000 per DCR, docs/facts.md#logs-ingestion-api-requests-limits-and-roles); null disables the check.</summary>
    public int? RequestsPerMinutePerRule { get; set; } = 12_000;

    /// <summary>Uncompressed bytes per minute per rule before 429 (2 GB per DCR, docs/facts.md#logs-ingestion-api-requests-limits-and-roles); null disables the check.</summary>
    public long? BytesPerMinutePerRule { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Keep every accepted row for assertions. Turn off for long benchmarks (counts are kept either way).</summary>
    public bool KeepRows { get; set; } = true;
}
