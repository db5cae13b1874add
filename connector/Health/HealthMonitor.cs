using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

/// <summary>Counters of a partition at the start of an interval, to turn the registry's totals into per-interval counts.</summary>
public readonly record struct PartitionTotals(long Events, long DeadLetters, long Throttles);

/// <summary>What /healthz answers: healthy, or the problems (stalled partitions, a sink failing for Health:StallAfter).</summary>
public sealed record HealthReport(bool Healthy, IReadOnlyList<string> Problems, IReadOnlyList<PartitionHealth> Partitions, SinkStatus? Sink, DateTimeOffset At);

/// <summary>
/// Turns the partitions' status (<see cref="IPartitionStatusSource"/>), the dead-letter counts and the sink's status into
/// partition health. One rule set for health rows and /healthz:
/// <list type="bullet">
/// <item>parked: the partition's region refused the session (opt-in region not enabled); it retries later.</item>
/// <item>failing: the partition's last attempt failed; or its latest news is an error and it has not advanced for an
/// interval; or it is
/// stalled (not parked, no progress for Health:StallAfter); or the sink refuses the rows (401/403/404: Failing) or has
/// been retrying for Health:StallAfter.</item>
/// <item>throttled: LookupEvents answered ThrottlingException during the interval.</item>
/// <item>running: otherwise.</item>
/// </list>
/// </summary>
public sealed class HealthMonitor
{
    private readonly HealthOptions _options;
    private readonly IPartitionStatusSource _status;
    private readonly DeadLetterCounter _deadLetters;
    private readonly Func<SinkStatus?> _sink;
    private readonly TimeProvider _time;

    public HealthMonitor(IOptions<HealthOptions> options, IOptions<SourceOptions> source, IPartitionStatusSource status,
        DeadLetterCounter deadLetters, Func<SinkStatus?> sinkStatus, TimeProvider? timeProvider = null)
    {
        _options = options.Value;
        _status = status;
        _deadLetters = deadLetters ?? throw new ArgumentNullException(nameof(deadLetters));
        _sink = sinkStatus;
        _time = timeProvider ?? TimeProvider.System;
        Partitions = CloudTrailPipelineService.PartitionsOf(source.Value);
        StartedAt = _time.GetUtcNow();
    }

    public DateTimeOffset StartedAt { get; }

    public IReadOnlyList<PartitionKey> Partitions { get; }

    public HealthOptions Options => _options;

    public IReadOnlyDictionary<PartitionKey, PartitionTotals> Totals() => Totals(_status.GetAll().ToDictionary(s => s.Partition));

    private Dictionary<PartitionKey, PartitionTotals> Totals(Dictionary<PartitionKey, PartitionStatus> all)
    {
        return Partitions.ToDictionary(p => p, p => all.TryGetValue(p, out var s)
            ? new PartitionTotals(s.EventsDelivered, _deadLetters.CountOf(p), s.Throttles)
            : new PartitionTotals(0, _deadLetters.CountOf(p), 0));
    }

    /// <summary>Health of every configured partition over [<paramref name="intervalStart"/>, now], counted from <paramref name="previous"/>.</summary>
    public IReadOnlyList<PartitionHealth> Evaluate(IReadOnlyDictionary<PartitionKey, PartitionTotals> previous, DateTimeOffset intervalStart) =>
        Evaluate(previous, intervalStart, out _);

    /// <param name="totals">The totals the counts were taken from: the next interval's <paramref name="previous"/>, so no event falls between two rows.</param>
    public IReadOnlyList<PartitionHealth> Evaluate(IReadOnlyDictionary<PartitionKey, PartitionTotals> previous, DateTimeOffset intervalStart,
        out IReadOnlyDictionary<PartitionKey, PartitionTotals> totals)
    {
        var now = _time.GetUtcNow();
        var sink = _sink();
        var all = _status.GetAll().ToDictionary(s => s.Partition);
        var current = Totals(all);
        totals = current;
        var result = new List<PartitionHealth>(Partitions.Count);
        foreach (var partition in Partitions)
        {
            all.TryGetValue(partition, out var s);
            var before = previous.TryGetValue(partition, out var p) ? p : default;
            var after = current[partition];
            result.Add(Evaluate(partition, s, sink, after.Events - before.Events, after.DeadLetters - before.DeadLetters,
                after.Throttles - before.Throttles, intervalStart, now));
        }
        return result;
    }

    /// <summary>What /healthz answers now; the interval for the per-interval rules is the last Health:Interval.</summary>
    public HealthReport Report()
    {
        var now = _time.GetUtcNow();
        var partitions = Evaluate(Totals(), now - _options.Interval);
        var sink = _sink();
        var problems = new List<string>();
        foreach (var p in partitions.Where(p => p.Stalled))
            problems.Add($"partition {p.Partition} has not advanced since {(p.LastProgressAt is { } t ? t.ToString("o") : "the worker started")} (Health:StallAfter {_options.StallAfter})");
        if (SinkStalled(sink, now))
            problems.Add($"the Logs Ingestion sink has been {sink!.State.ToString().ToLowerInvariant()} since {sink.UnhealthySince:o} (Health:StallAfter {_options.StallAfter})");
        return new HealthReport(problems.Count == 0, problems, partitions, sink, now);
    }

    private bool SinkStalled(SinkStatus? sink, DateTimeOffset now) =>
        sink is { State: not SinkState.Healthy } && (sink.UnhealthySince ?? StartedAt) <= now - _options.StallAfter;

    private PartitionHealth Evaluate(PartitionKey partition, PartitionStatus? s, SinkStatus? sink, long events, long deadLetters, long throttles,
        DateTimeOffset intervalStart, DateTimeOffset now)
    {
        var state = s?.State ?? PartitionState.Starting;
        var lastProgress = s?.LastProgressAt;
        var stalled = state != PartitionState.Parked && (lastProgress ?? StartedAt) <= now - _options.StallAfter;
        var sinkFailing = sink is { State: SinkState.Failing } || SinkStalled(sink, now);
        // Its latest news is an error and it has not advanced for a whole interval: calls keep failing (backoff between
        // attempts may leave intervals without a new error, so "an error in this interval" alone would flap).
        var erring = s?.LastErrorAt is { } errorAt && errorAt > (lastProgress ?? DateTimeOffset.MinValue)
            && (lastProgress ?? StartedAt) <= now - _options.Interval;
        string health;
        var error = s?.LastErrorAt >= intervalStart ? s.LastError : null;
        if (state == PartitionState.Parked)
        {
            health = HealthTable.States.Parked;
            error = s?.LastError;
        }
        else if (state == PartitionState.Failing || stalled || erring)
        {
            health = HealthTable.States.Failing;
            error = s?.LastError ?? (stalled ? $"no progress since {(lastProgress is { } t ? t.ToString("o") : "the worker started")}" : null);
        }
        else if (sinkFailing)
        {
            health = HealthTable.States.Failing;
            error = sink!.LastError;
        }
        else if (throttles > 0 || state == PartitionState.Throttled)
        {
            health = HealthTable.States.Throttled;
        }
        else
        {
            health = HealthTable.States.Running;
        }
        return new PartitionHealth(partition, health, stalled, s?.NewestEventTime, s?.LagSeconds, events, deadLetters, throttles, error, lastProgress);
    }
}
