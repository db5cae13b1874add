namespace SentinelAwsIac.Contracts;

/// <summary>AWS CloudTrail LookupEvents limits (AWS CloudTrail API reference, LookupEvents; CloudTrail quotas).</summary>
public static class CloudTrailLimits
{
    /// <summary>LookupEvents: 2 transactions per second per account per region (CloudTrail quotas).</summary>
    public const double RequestsPerSecond = 2;

    /// <summary>MaxResults upper bound (API_LookupEvents: 1–50, default 50).</summary>
    public const int MaxResults = 50;

    /// <summary>Event history kept by LookupEvents (CloudTrail user guide, "Working with CloudTrail Event history").</summary>
    public const int HistoryDays = 90;

    /// <summary>Throttling error code, answered with HTTP 400 (AWS JSON protocol errors).</summary>
    public const string ThrottlingErrorType = "ThrottlingException";
}

/// <summary>Azure Monitor Logs Ingestion API limits (Azure Monitor docs, "Logs Ingestion API limits").</summary>
public static class IngestionLimits
{
    /// <summary>
    /// Largest body of one call, compressed and uncompressed, read as decimal: 1 000 000 bytes. The service documents
    /// "1 MB" and answers 413 ContentLengthLimitExceeded above it, without saying whether it means 10^6 or 2^20 bytes.
    /// The official JavaScript client cuts its batches at 1 000 000 bytes (@azure/monitor-ingestion 1.2.0,
    /// src/utils/splitDataToChunksHelper.ts, <c>maxBytes = 1000000</c>, line 11 of dist/esm/utils/splitDataToChunksHelper.js);
    /// the .NET client cut at 1 000 000 before 1.0 and cuts at 1 048 576 since (Azure.Monitor.Ingestion
    /// src/LogsIngestionClient.cs, <c>SingleUploadThreshold = 1024 * 1024</c>). Batches of at most 1 000 000 bytes are
    /// accepted under either reading, so the worker's batches stay at or below it and the emulator refuses above it.
    /// Sources and the comparison: docs/facts.md, "Wire details".
    /// </summary>
    public const int MaxBodyBytes = 1_000_000;

    /// <summary>A field value longer than 64 KB is truncated by the service.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>Columns per table.</summary>
    public const int MaxColumnsPerTable = 500;

    /// <summary>Column name length.</summary>
    public const int MaxColumnNameLength = 45;

    /// <summary>Logs Ingestion API version used by the worker and the emulator.</summary>
    public const string ApiVersion = "2023-01-01";
}
