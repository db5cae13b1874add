using System.Collections.Concurrent;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Pipeline;

namespace SentinelAwsIac.Connector.Health;

/// <summary>
/// Wraps the dead-letter queue and counts its entries per partition, so a health row counts both the records the
/// mapper refused and the rows the service rejected (the sink knows no partition counters of its own).
/// </summary>
public sealed class DeadLetterCounter(IDeadLetterQueue inner) : IDeadLetterQueue
{
    private readonly ConcurrentDictionary<PartitionKey, long> _counts = new();

    public IDeadLetterQueue Inner => inner;

    public async Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(entry, cancellationToken).ConfigureAwait(false);
        _counts.AddOrUpdate(entry.Partition, 1, (_, n) => n + 1);
    }

    /// <summary>Entries written for the partition since the worker started.</summary>
    public long CountOf(PartitionKey partition) => _counts.TryGetValue(partition, out var n) ? n : 0;
}
