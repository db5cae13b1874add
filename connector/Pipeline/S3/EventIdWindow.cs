namespace SentinelAwsIac.Connector.Pipeline.S3;

/// <summary>The most recent event IDs sent, at most <c>capacity</c> of them (oldest forgotten first), each with the
/// acknowledgement of the message whose row carried it: a redelivered message's records that were already handed to
/// the sink are dropped as duplicates, and the message waits for that row instead. 0 keeps none.</summary>
public sealed class EventIdWindow(int capacity)
{
    private readonly Dictionary<string, MessageAcknowledgement> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    /// <summary>True when the ID is new (now remembered with <paramref name="ack"/>); false for a duplicate within the
    /// window, with <paramref name="earlier"/> the acknowledgement its first row rode on.</summary>
    public bool TryAdd(string eventId, MessageAcknowledgement ack, out MessageAcknowledgement? earlier)
    {
        earlier = null;
        if (capacity == 0) return true;
        lock (_gate)
        {
            if (_ids.TryGetValue(eventId, out earlier)) return false;
            _ids.Add(eventId, ack);
            _order.Enqueue(eventId);
            if (_order.Count > capacity) _ids.Remove(_order.Dequeue());
            return true;
        }
    }
}
