using System.Collections.Concurrent;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>Per-partition counters and state, written by the partition runners, read by health reporting.</summary>
public sealed class PartitionStatusRegistry(TimeProvider? timeProvider = null) : IPartitionStatusSource
{
    private readonly ConcurrentDictionary<PartitionKey, PartitionTracker> _partitions = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public PartitionTracker For(PartitionKey partition) => _partitions.GetOrAdd(partition, p => new PartitionTracker(p, _time));

    public IReadOnlyList<PartitionStatus> GetAll() =>
        _partitions.Values.Select(t => t.Snapshot()).OrderBy(s => s.Partition.ToString(), StringComparer.Ordinal).ToList();

    public PartitionStatus? Get(PartitionKey partition) => _partitions.TryGetValue(partition, out var t) ? t.Snapshot() : null;
}

/// <summary>The mutable status of one partition (thread-safe).</summary>
public sealed class PartitionTracker
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private PartitionState _state = PartitionState.Starting;
    private DateTimeOffset? _watermark, _newest, _lastErrorAt, _checkpointAt, _progressAt;
    private string? _lastError;
    private long _events, _requests, _throttles;

    internal PartitionTracker(PartitionKey partition, TimeProvider time) { Partition = partition; _time = time; }

    public PartitionKey Partition { get; }

    public void SetState(PartitionState state) { lock (_lock) _state = state; }

    /// <summary>A run of the partition begins: running, except that a parked partition stays parked until a read
    /// succeeds (<see cref="ReadSucceeded"/>). Its retry is no progress, and showing it as running for the length of
    /// the retry would make it a stalled partition, and /healthz unhealthy, whenever a probe met that moment.</summary>
    public void Begin() { lock (_lock) if (_state != PartitionState.Parked) _state = PartitionState.Running; }

    /// <summary>A LookupEvents call was answered: a partition that was parked, or recovering from throttling or
    /// errors (<paramref name="afterRetries"/>), is running again.</summary>
    public void ReadSucceeded(bool afterRetries) { lock (_lock) if (afterRetries || _state == PartitionState.Parked) _state = PartitionState.Running; }
    public void Error(string message) { lock (_lock) { _lastError = message; _lastErrorAt = _time.GetUtcNow(); } }
    public void Request() => Interlocked.Increment(ref _requests);
    public void Throttled() => Interlocked.Increment(ref _throttles);
    public void Delivered(long n = 1) => Interlocked.Add(ref _events, n);

    public void Checkpointed(DateTimeOffset watermark, DateTimeOffset? newest)
    {
        lock (_lock)
        {
            _watermark = watermark;
            if (newest > _newest || _newest is null) _newest = newest;
            _checkpointAt = _progressAt = _time.GetUtcNow();
        }
    }

    /// <summary>The partition did its work (a read that found nothing new also counts) and is not stuck.</summary>
    public void Progressed() { lock (_lock) _progressAt = _time.GetUtcNow(); }

    public PartitionStatus Snapshot()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            return new PartitionStatus(Partition, _state, _watermark, _newest, _watermark is { } w ? (now - w).TotalSeconds : null,
                Interlocked.Read(ref _events), Interlocked.Read(ref _requests), Interlocked.Read(ref _throttles),
                _lastError, _lastErrorAt, _checkpointAt, _progressAt);
        }
    }
}
