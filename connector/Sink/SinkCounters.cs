namespace SentinelAwsIac.Connector.Sink;

/// <summary>What the sink did since it started, for the benchmark and health. Thread-safe; read with <see cref="Snapshot"/>.</summary>
public sealed class SinkCounters
{
    internal long UploadRequests, UploadedBytes, UncompressedBytes, RowsDelivered, RowsAccepted;
    internal long Status204, Status400, Status401, Status403, Status413, Status429, Status5xx, StatusOther, TransportErrors;
    internal long Retries, Splits, DeadLetters;

    public SinkCounterSnapshot Snapshot() => new(
        Interlocked.Read(ref UploadRequests), Interlocked.Read(ref UploadedBytes), Interlocked.Read(ref UncompressedBytes),
        Interlocked.Read(ref RowsAccepted), Interlocked.Read(ref RowsDelivered),
        Interlocked.Read(ref Status204), Interlocked.Read(ref Status400), Interlocked.Read(ref Status401), Interlocked.Read(ref Status403),
        Interlocked.Read(ref Status413), Interlocked.Read(ref Status429), Interlocked.Read(ref Status5xx), Interlocked.Read(ref StatusOther),
        Interlocked.Read(ref TransportErrors), Interlocked.Read(ref Retries), Interlocked.Read(ref Splits), Interlocked.Read(ref DeadLetters));

    internal void CountStatus(int status)
    {
        ref var counter = ref StatusOther;
        switch (status)
        {
            case 204: counter = ref Status204; break;
            case 400: counter = ref Status400; break;
            case 401: counter = ref Status401; break;
            case 403: counter = ref Status403; break;
            case 413: counter = ref Status413; break;
            case 429: counter = ref Status429; break;
            case >= 500 and < 600: counter = ref Status5xx; break;
        }
        Interlocked.Increment(ref counter);
    }
}

/// <param name="UploadRequests">HTTP calls made (every attempt, retries included).</param>
/// <param name="UploadedBytes">Bytes sent on the wire (gzip bodies).</param>
/// <param name="UncompressedBytes">JSON bytes those bodies held before compression.</param>
/// <param name="RowsAccepted">Rows given to SendAsync.</param>
/// <param name="RowsDelivered">Rows acknowledged after a 204.</param>
/// <param name="TransportErrors">Attempts that got no HTTP answer (connection refused, reset, timeout).</param>
/// <param name="Retries">Attempts repeated after 429, 5xx, 401/403, other errors or transport errors.</param>
/// <param name="Splits">Batches cut in two after 413 or 400.</param>
/// <param name="DeadLetters">Rows written to the dead-letter queue (rejected by the service or over 1 MB).</param>
public sealed record SinkCounterSnapshot(
    long UploadRequests, long UploadedBytes, long UncompressedBytes, long RowsAccepted, long RowsDelivered,
    long Status204, long Status400, long Status401, long Status403, long Status413, long Status429, long Status5xx, long StatusOther,
    long TransportErrors, long Retries, long Splits, long DeadLetters)
{
    /// <summary>Mean compressed body of the successful uploads.</summary>
    public double MeanUploadBytes => UploadRequests == 0 ? 0 : (double)UploadedBytes / UploadRequests;
}
