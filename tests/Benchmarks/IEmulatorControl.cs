namespace SentinelAwsIac.Benchmarks;

/// <summary>The emulators as the connector side sees them: in this process or in a child process.</summary>
public interface IEmulatorControl : IAsyncDisposable
{
    EmulatorInfo Info { get; }

    /// <summary>True when the emulators' CPU is separate from this process's (child process).</summary>
    bool Separate { get; }

    /// <summary>Starts the live feed (rate mode).</summary>
    Task StartFeedAsync(CancellationToken cancellationToken);

    Task<EmulatorStats> StatsAsync(CancellationToken cancellationToken);
}

/// <summary>Emulators inside the benchmark process: their CPU and memory count in the process figures.</summary>
public sealed class InProcessEmulators(EmulatorSet set) : IEmulatorControl
{
    private readonly CancellationTokenSource _stop = new();
    private Task _feed = Task.CompletedTask;

    public EmulatorInfo Info => set.Info;
    public bool Separate => false;

    public Task StartFeedAsync(CancellationToken cancellationToken)
    {
        _feed = Task.Run(() => set.FeedAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task<EmulatorStats> StatsAsync(CancellationToken cancellationToken) => Task.FromResult(set.Stats());

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _feed.ConfigureAwait(false);
        await set.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
