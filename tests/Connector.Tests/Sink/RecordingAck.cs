using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Tests.Sink;

/// <summary>Counts Delivered() calls of one record.</summary>
internal sealed class RecordingAck : IDeliveryAck
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Delivered() => Interlocked.Increment(ref _count);
}
