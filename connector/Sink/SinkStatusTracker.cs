namespace SentinelAwsIac.Connector.Sink;

/// <summary>The sink's <see cref="SinkStatus"/>, set by the batcher and the retry driver, read by health. Thread-safe.</summary>
internal sealed class SinkStatusTracker(TimeProvider time)
{
    private readonly object _gate = new();
    private SinkStatus _status = new(SinkState.Healthy, null, null);

    public SinkStatus Current { get { lock (_gate) return _status; } }

    /// <summary>An upload succeeded: healthy, with the time of the success.</summary>
    public void Succeeded()
    {
        var now = time.GetUtcNow();
        lock (_gate) _status = new SinkStatus(SinkState.Healthy, null, now);
    }

    /// <summary>Something failed: <paramref name="state"/> with <paramref name="error"/>; unhealthy since the first
    /// failure after the last success.</summary>
    public void Failed(SinkState state, string error)
    {
        var now = time.GetUtcNow();
        lock (_gate) _status = _status with { State = state, LastError = error, UnhealthySince = _status.UnhealthySince ?? now };
    }
}
