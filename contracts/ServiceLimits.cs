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
    /// <summary>Maximum body of one call, compressed and uncompressed: 1 MB; above it the service answers
    /// 413 ContentLengthLimitExceeded.</summary>
    public const int MaxBodyBytes = 1_048_576;

    /// <summary>A field value longer than 64 KB is truncated by the service.</summary>
    public const int MaxFieldBytes = 64 * 1024;

    /// <summary>Columns per table.</summary>
    public const int MaxColumnsPerTable = 500;

    /// <summary>Column name length.</summary>
    public const int MaxColumnNameLength = 45;

    /// <summary>Logs Ingestion API version used by the worker and the emulator.</summary>
    public const string ApiVersion = "2023-01-01";
}
