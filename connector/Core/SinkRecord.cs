namespace SentinelAwsIac.Connector.Core;

/// <summary>A mapped row on its way to the sink, with the acknowledgement to call once it was delivered or dead-lettered.
/// Every source hands its rows over in this shape, so the sink, dead letters and checkpoints know no source.</summary>
/// <param name="Partition">The unit of reading the row came from (its checkpoint and health counters).</param>
/// <param name="Row">One JSON object, UTF-8, as the mapper produced it.</param>
/// <param name="Ack">Called exactly once: delivered (HTTP 204) or dead-lettered.</param>
public readonly record struct SinkRecord(PartitionKey Partition, byte[] Row, IDeliveryAck Ack);
