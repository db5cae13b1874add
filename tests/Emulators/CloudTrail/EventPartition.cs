namespace SentinelAwsIac.Emulators.CloudTrail;

/// <summary>Event history of one account and region, ordered by (eventTime, eventId), with its rate limiter.</summary>
internal sealed class EventPartition
{
    private static readonly IComparer<EmulatedEvent> Order = Comparer<EmulatedEvent>.Create((a, b) =>
    {
        var c = a.EventTime.CompareTo(b.EventTime);
        return c != 0 ? c : string.CompareOrdinal(a.EventId, b.EventId);
    });

    private readonly List<EmulatedEvent> _events = [];
    private readonly object _lock = new();
    private double _tokens = -1;
    private DateTimeOffset _refilled;
    public long RequestsField, ThrottlesField;

    public long Requests => Interlocked.Read(ref RequestsField);
    public long Throttles => Interlocked.Read(ref ThrottlesField);
    public int Count { get { lock (_lock) return _events.Count; } }

    public void Add(IEnumerable<EmulatedEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events)
            {
                var i = _events.BinarySearch(e, Order);
                _events.Insert(i < 0 ? ~i : i, e);
            }
        }
    }

    /// <summary>Token bucket: capacity = one second of quota, refilled continuously.</summary>
    public bool TryTake(DateTimeOffset now, double perSecond)
    {
        lock (_lock)
        {
            var capacity = Math.Max(1, perSecond);
            if (_tokens < 0) { _tokens = capacity; _refilled = now; }
            _tokens = Math.Min(capacity, _tokens + (now - _refilled).TotalSeconds * perSecond);
            _refilled = now;
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Newest first: visible events with start ≤ eventTime ≤ end, strictly below the cursor.</summary>
    public (List<EmulatedEvent> Page, bool More) Query(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now,
        (DateTimeOffset Time, string Id)? cursor, int max, Func<EmulatedEvent, bool> matches)
    {
        var page = new List<EmulatedEvent>(max);
        lock (_lock)
        {
            // Index of the first event after the upper bound (end, or the cursor), then walk down.
            var upper = new EmulatedEvent(cursor?.Id ?? "\uffff", cursor?.Time ?? end, "", "", null, "", null, [], "");
            var i = _events.BinarySearch(upper, Order);
            i = (i < 0 ? ~i : i) - 1;
            for (; i >= 0; i--)
            {
                var e = _events[i];
                if (e.EventTime < start) break;
                if (e.EventTime > end || e.VisibleAt > now || !matches(e)) continue;
                if (page.Count == max) return (page, true);
                page.Add(e);
            }
        }
        return (page, false);
    }
}
