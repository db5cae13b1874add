using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline.S3;

/// <summary>
/// The acknowledgement of every row of one SQS message: each row sent adds one, each row the sink delivered or
/// dead-lettered takes one away. Once the message's files are all read (<see cref="Seal"/>) and nothing is
/// outstanding, <see cref="Completion"/> is done; an abandoned message never completes. A row dropped as a duplicate of
/// a row an earlier message sent makes this message wait for that one's rows too (<see cref="WaitFor"/>), so a
/// message is never deleted while a row it stands for is still in the sink.
/// </summary>
public sealed class MessageAcknowledgement : IDeliveryAck
{
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _dependencies = [];
    private long _outstanding;
    private int _sealed, _abandoned;

    /// <summary>Done when every row was acknowledged after <see cref="Seal"/>; never done once abandoned.</summary>
    public Task Completion => _complete.Task;

    /// <summary>Done when no row of this message is in the sink any more and none will be added (sealed or abandoned).</summary>
    public Task Drained => _drained.Task;

    public bool Abandoned => Volatile.Read(ref _abandoned) == 1;

    /// <summary>The earlier messages' rows this one stands for, still in the sink when their duplicates were dropped.</summary>
    public IReadOnlyList<Task> Dependencies
    {
        get { lock (_dependencies) return [.. _dependencies]; }
    }

    /// <summary>Call before handing a row carrying this acknowledgement to the sink.</summary>
    public void Add() => Interlocked.Increment(ref _outstanding);

    public void Delivered()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0) Settle();
    }

    /// <summary>Every row of the message has been handed over.</summary>
    public void Seal()
    {
        Volatile.Write(ref _sealed, 1);
        Settle();
    }

    /// <summary>A file of the message could not be read now: the message stays in the queue and comes back.</summary>
    public void Abandon()
    {
        Volatile.Write(ref _abandoned, 1);
        Settle();
    }

    /// <summary>A row of <paramref name="earlier"/> stood for one of this message's rows (a duplicate was dropped).</summary>
    public void WaitFor(MessageAcknowledgement earlier)
    {
        if (ReferenceEquals(earlier, this) || earlier.Drained.IsCompleted) return;
        lock (_dependencies) _dependencies.Add(earlier.Drained);
    }

    private void Settle()
    {
        if (Interlocked.Read(ref _outstanding) != 0) return;
        var abandoned = Volatile.Read(ref _abandoned) == 1;
        if (abandoned || Volatile.Read(ref _sealed) == 1) _drained.TrySetResult();
        if (!abandoned && Volatile.Read(ref _sealed) == 1) _complete.TrySetResult();
    }
}
