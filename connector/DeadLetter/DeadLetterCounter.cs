using System.Collections.Concurrent;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.DeadLetter;

/// <summary>
/// The one count of dead letters: wraps the dead-letter store and counts its entries per partition, whoever wrote them
/// (the mapper's refusals, the rows the service rejected). Health rows read their DeadLetters column from here only.
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
