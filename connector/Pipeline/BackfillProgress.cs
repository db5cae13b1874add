using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>Progress lines while a partition works through history: window done %, events/s, ETA.</summary>
internal sealed class BackfillProgress(DateTimeOffset start, TimeProvider time, TimeSpan progressInterval)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private readonly TimeSpan _progressInterval = progressInterval;
    private DateTimeOffset _lastLine = time.GetUtcNow();
    private long _eventsAtStart = -1;

    public void Report(ILogger logger, PartitionKey partition, DateTimeOffset reached, DateTimeOffset target, long events, bool backfilling)
    {
        if (_eventsAtStart < 0) _eventsAtStart = events;
        var now = time.GetUtcNow();
        var done = reached >= target;
        if (!done && now - _lastLine < _progressInterval) return;
        if (!backfilling && !done) return;
        _lastLine = now;
        var total = (target - start).TotalSeconds;
        var fraction = total <= 0 ? 1 : Math.Clamp((reached - start).TotalSeconds / total, 0, 1);
        var elapsed = (now - _startedAt).TotalSeconds;
        var rate = elapsed > 0 ? (events - _eventsAtStart) / elapsed : 0;
        var eta = fraction > 0 && fraction < 1 ? TimeSpan.FromSeconds(elapsed / fraction * (1 - fraction)) : TimeSpan.Zero;
        if (backfilling || !done)
            logger.LogInformation("Backfill {Partition}: {PercentDone:F1}% of the window done, up to {Reached:o}, {EventsPerSecond:F1} events/s, ETA {Eta}",
                partition, fraction * 100, reached, rate, eta);
    }
}
