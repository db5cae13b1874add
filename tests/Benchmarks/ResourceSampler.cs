using System.Diagnostics;

namespace SentinelAwsIac.Benchmarks;

/// <summary>Once a second during the run: resident set, managed heap and thread count of this process, keeping the
/// highest of each, so a peak RSS above target can be traced to the managed heap, native memory or threads.</summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ResourceSampler() => _loop = Task.Run(LoopAsync);

    public double MaxRssMegabytes { get; private set; }
    public double MaxManagedHeapMegabytes { get; private set; }
    public int MaxThreads { get; private set; }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                using var self = Process.GetCurrentProcess();
                MaxRssMegabytes = Math.Max(MaxRssMegabytes, self.WorkingSet64 / 1048576.0);
                MaxManagedHeapMegabytes = Math.Max(MaxManagedHeapMegabytes, GC.GetTotalMemory(false) / 1048576.0);
                MaxThreads = Math.Max(MaxThreads, self.Threads.Count);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
