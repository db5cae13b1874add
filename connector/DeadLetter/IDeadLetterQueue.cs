using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.DeadLetter;

/// <summary>A record the pipeline could not deliver, kept with the reason and the raw record, never dropped.</summary>
/// <param name="Stage">Where it failed: "map" (unparseable record) or "sink" (rejected by the service, too large).</param>
public sealed record DeadLetterEntry(PartitionKey Partition, string Stage, string Reason, string Raw, DateTimeOffset At);

public interface IDeadLetterQueue
{
    Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken);
}
