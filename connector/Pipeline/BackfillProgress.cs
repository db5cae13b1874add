using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Progress lines while a partition works through history: window done %, events/s, ETA. The rate is taken over the
/// chunks that delivered events (the time spent reading empty hours of history is no measure of throughput; until a
/// chunk delivers, the line says so instead of printing 0.0); the ETA comes from the share of the window done per
/// second of reading, and reads as <c>1 min 20 s</c> (<see cref="DurationText"/>).
/// </summary>
internal sealed class BackfillProgress(DateTimeOffset start, TimeProvider time, TimeSpan progressInterval)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private DateTimeOffset _lastLine = time.GetUtcNow(), _lastReport = time.GetUtcNow();
    private long _eventsAtStart = -1, _eventsAtLastReport;
    private TimeSpan _workTime;

    public void Report(ILogger logger, PartitionKey partition, DateTimeOffset reached, DateTimeOffset target, long events, bool backfilling)
    {
        if (_eventsAtStart < 0) _eventsAtStart = _eventsAtLastReport = events;
        var now = time.GetUtcNow();
        if (events > _eventsAtLastReport) _workTime += now - _lastReport;
        _lastReport = now;
        _eventsAtLastReport = events;
        var done = reached >= target;
        if (!done && now - _lastLine < progressInterval) return;
        if (!backfilling) return;
        _lastLine = now;
        var total = (target - start).TotalSeconds;
        var fraction = total <= 0 ? 1 : Math.Clamp((reached - start).TotalSeconds / total, 0, 1);
        var elapsed = (now - _startedAt).TotalSeconds;
        var delivered = events - _eventsAtStart;
        var rate = delivered > 0 && _workTime > TimeSpan.Zero
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{delivered / _workTime.TotalSeconds:F1} events/s")
            : "no events yet";
        var eta = fraction is > 0 and < 1 ? DurationText.Format(TimeSpan.FromSeconds(elapsed / fraction * (1 - fraction))) : "0 s";
        logger.LogInformation("Backfill {Partition}: {PercentDone:F1}% of the window done, up to {Reached:o}, {Rate}, {Delivered} events, ETA {Eta}",
            partition, fraction * 100, reached, rate, delivered, eta);
    }
}
