namespace SentinelAwsIac.Connector.Core;

/// <summary>
/// Exponential backoff with full jitter, the one retry wait of the worker: attempt <c>n</c> (0 for the first retry)
/// waits a uniformly random time in [0, min(<see cref="Max"/>, <see cref="Initial"/> × 2ⁿ)]. Full jitter spreads the
/// retries of many clients over the whole window, which is what the AWS SDKs do and what AWS's guidance recommends
/// (docs/facts.md "Retries and backoff"). The clock and the random source are given, so tests see the exact waits.
/// </summary>
public sealed class Backoff
{
    private readonly TimeProvider _time;
    private readonly Random _random;

    /// <param name="initial">Ceiling of the first retry's wait; above zero.</param>
    /// <param name="max">Largest ceiling; at least <paramref name="initial"/>.</param>
    /// <param name="time">The clock the waits run on.</param>
    /// <param name="random">Source of the jitter (<see cref="Random.Shared"/> in production; it is thread-safe).</param>
    public Backoff(TimeSpan initial, TimeSpan max, TimeProvider time, Random random)
    {
        if (initial <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initial), initial, "The first backoff must be above zero.");
        if (max < initial) throw new ArgumentOutOfRangeException(nameof(max), max, $"The largest backoff must be at least the first ({initial}).");
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        Initial = initial;
        Max = max;
        _time = time;
        _random = random;
    }

    public TimeSpan Initial { get; }

    public TimeSpan Max { get; }

    /// <summary>The upper bound of attempt <paramref name="attempt"/>'s wait: <see cref="Initial"/> × 2^attempt, at most
    /// <see cref="Max"/>, for any attempt number (no overflow: the doubling stops once it passes the cap).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // 2^63 ticks overflow a TimeSpan; any attempt past the cap's doubling count gives the cap anyway.
        var ticks = (double)Initial.Ticks * Math.Pow(2, Math.Min(attempt, 62));
        return ticks >= Max.Ticks ? Max : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait before retry <paramref name="attempt"/>: uniform in [0, <see cref="Ceiling"/>].</summary>
    public TimeSpan Delay(int attempt) => TimeSpan.FromTicks((long)(Ceiling(attempt).Ticks * _random.NextDouble()));

    /// <summary>Waits <see cref="Delay"/> on the clock; returns the wait.</summary>
    public async Task<TimeSpan> WaitAsync(int attempt, CancellationToken cancellationToken)
    {
        var delay = Delay(attempt);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return delay;
    }
}
