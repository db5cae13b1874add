namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// Bytes the sink may hold at once. Taken when a row is accepted, given back when it is delivered or dead-lettered;
/// waiters are served in order. A request larger than the whole budget waits until the budget is empty.
/// </summary>
internal sealed class ByteBudget(long capacity)
{
    private readonly object _gate = new();
    private readonly Queue<(long Bytes, TaskCompletionSource Waiter)> _waiters = new();
    private long _used;

    public long Used { get { lock (_gate) return _used; } }

    public ValueTask TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        bytes = Math.Min(bytes, capacity);
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_waiters.Count == 0 && _used + bytes <= capacity)
            {
                _used += bytes;
                return ValueTask.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue((bytes, waiter));
        }
        return new ValueTask(WaitAsync(waiter, cancellationToken));
    }

    private async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(() =>
        {
            if (waiter.TrySetCanceled(cancellationToken)) Release(0);
        }))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    public void Return(long bytes)
    {
        bytes = Math.Min(bytes, capacity);
        Release(bytes);
    }

    private void Release(long bytes)
    {
        lock (_gate)
        {
            _used -= bytes;
            while (_waiters.Count > 0)
            {
                var (next, waiter) = _waiters.Peek();
                if (waiter.Task.IsCompleted) { _waiters.Dequeue(); continue; }  // cancelled
                if (_used + next > capacity) break;
                _waiters.Dequeue();
                if (waiter.TrySetResult()) _used += next;
            }
        }
    }
}
