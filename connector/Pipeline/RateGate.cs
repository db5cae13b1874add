namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Spaces calls at most <c>1 / perSecond</c> apart (a token bucket of capacity one), so a partition never
/// exceeds the LookupEvents quota of 2 requests per second per account and region (CloudTrail quotas).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs Dispose only after its AvailableWaitHandle was read (SemaphoreSlim.Dispose remarks); this type never reads it.")]
public sealed class RateGate(double perSecond, TimeProvider? timeProvider = null)
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(1 / perSecond);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_next > now) await Task.Delay(_next - now, _time, cancellationToken).ConfigureAwait(false);
            _next = (_next > now ? _next : now) + _interval;
        }
        finally { _gate.Release(); }
    }

    /// <summary>After a throttling answer: the next call waits at least <paramref name="delay"/>.</summary>
    public void Defer(TimeSpan delay)
    {
        var at = _time.GetUtcNow() + delay;
        if (at > _next) _next = at;
    }
}
