using System.Collections.Concurrent;
using System.Text;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>Row = the event ID (the real mapper lands separately; re-point to it once merged).</summary>
internal sealed class IdMapper(Func<CloudTrailEvent, bool>? fail = null) : IRecordMapper
{
    public MapResult Map(CloudTrailEvent record) => fail?.Invoke(record) == true
        ? MapResult.Failure("test: unmappable")
        : MapResult.Success(Encoding.UTF8.GetBytes(record.EventId), false);
}

/// <summary>Counts every row received and acknowledges after a short asynchronous delay (as an upload would).</summary>
internal sealed class RecordingSink : ISink
{
    public ConcurrentDictionary<string, int> Received { get; } = new();
    public volatile bool Hold;

    public ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        Received.AddOrUpdate(Encoding.UTF8.GetString(record.Row), 1, (_, n) => n + 1);
        if (!Hold) _ = Task.Run(async () => { await Task.Delay(5); record.Ack.Delivered(); }, CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class MemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<PartitionKey, StoredCheckpoint> _items = new();
    private int _version;
    public int ConflictsToInject;
    public int Writes;

    public Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(partition, out var c) ? c : null);

    public Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            _items.TryGetValue(partition, out var current);
            if (Interlocked.Decrement(ref ConflictsToInject) >= 0 || current?.Version != expectedVersion)
            {
                // Another writer "moved" the partition: its version changes, our write loses.
                if (current is not null) _items[partition] = current with { Version = $"v{Interlocked.Increment(ref _version)}" };
                throw new CheckpointConflictException(partition, expectedVersion);
            }
            var stored = new StoredCheckpoint(partition, checkpoint, $"v{Interlocked.Increment(ref _version)}");
            _items[partition] = stored;
            Interlocked.Increment(ref Writes);
            return Task.FromResult(stored);
        }
    }

    public Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredCheckpoint>>(_items.Values.ToList());
}

internal sealed class MemoryDeadLetters : IDeadLetterQueue
{
    public ConcurrentBag<DeadLetterEntry> Entries { get; } = [];
    public Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken) { Entries.Add(entry); return Task.CompletedTask; }
}
