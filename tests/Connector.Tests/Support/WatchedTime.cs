using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SentinelAwsIac.Connector.Tests.Support;

/// <summary>A <see cref="FakeTimeProvider"/> that reports every timer made on it (every <c>Task.Delay</c> and timed
/// cancellation on this clock, except those made unscheduled), so a test waits until the code under test is waiting, reads how long it waits, and
/// advances exactly that: no real time passes and no advance is lost to a race.</summary>
internal sealed class WatchedTime(DateTimeOffset start) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(start);

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        // A timer made unscheduled (a timed cancellation armed later, by CancelAfter) is no wait.
        if (dueTime != Timeout.InfiniteTimeSpan) _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>The due time of the next timer made on this clock (waits for it, at most 30 s of real time).</summary>
    public async Task<TimeSpan> NextTimerAsync() =>
        await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Until <paramref name="stop"/> fires, advances the clock by each timer's due time as soon as it is made:
    /// code that waits on this clock runs on without real waits (for tests that do not look at the waits).</summary>
    public async Task AdvanceEveryTimerAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var due in _timers.Reader.ReadAllAsync(stop)) Advance(due);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    /// <summary>Whether a timer was made that no <see cref="NextTimerAsync"/> has read yet.</summary>
    public bool HasUnreadTimer => _timers.Reader.TryPeek(out _);
}
