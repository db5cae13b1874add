namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>An answer the emulator gives instead of processing the next authenticated request(s).</summary>
/// <param name="Status">429, 500, 503, …</param>
/// <param name="RetryAfter">Sent as Retry-After in seconds when set.</param>
/// <param name="RetryAfterDate">Sent as Retry-After as an HTTP date (RFC 9110) when set.</param>
public sealed record InjectedFault(int Status, TimeSpan? RetryAfter = null, DateTimeOffset? RetryAfterDate = null);
