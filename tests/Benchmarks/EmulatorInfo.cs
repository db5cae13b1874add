namespace SentinelAwsIac.Benchmarks;

/// <summary>What the connector side needs to reach the emulators. Crosses from the child process over its stdout pipe
/// (never the console): it holds the emulated broker's secret key and a bearer token, both valid only for these emulators.</summary>
public sealed record EmulatorInfo(
    Uri StsEndpoint,
    Uri CloudTrailEndpoint,
    Uri LogsIngestionEndpoint,
    string CertificateDerBase64,
    string IngestionAudience,
    string IngestionToken,
    DateTimeOffset IngestionTokenExpires,
    string BrokerAccessKeyId,
    string BrokerSecretAccessKey,
    string ExternalId,
    int SeededEventsPerPartition,
    double SeedSeconds,
    double VisibilityOffsetSeconds);

/// <summary>Counters of the emulator side, read at the edges of the measured interval.</summary>
public sealed record EmulatorStats(
    long CloudTrailRequests,
    long CloudTrailThrottles,
    long CloudTrailEventsReturned,
    long IngestionRequests,
    long IngestionRowsAccepted,
    long IngestionStatus413,
    long IngestionBytesReceived,
    double CpuSeconds,
    double PeakRssMegabytes,
    long FeedAdded,
    long FeedLate);
