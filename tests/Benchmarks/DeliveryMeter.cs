using System.Diagnostics;
using SentinelAwsIac.Connector.Sink;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// Measures delivered events (rows the sink acknowledged after a 204) without touching the data path: it polls the
/// sink's counters every 5 ms and notes each change with the time and this process's CPU time. Acknowledgements come
/// in bursts, one per upload (at P=1 one batch every flush interval), so the interval is aligned on them: it starts at
/// the first burst after the warm-up and ends at the last burst before start + seconds; events = rows acknowledged in
/// between, seconds = time between those two bursts. Counting over a fixed wall-clock interval instead would be off
/// by up to one batch (±7% at P=1).
/// </summary>
public sealed class DeliveryMeter(BatchingSink sink)
{
    public readonly record struct Mark(long Timestamp, DateTimeOffset Wall, long Delivered, double CpuSeconds);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);

    public long Delivered => sink.Counters.Snapshot().RowsDelivered;

    /// <summary>Waits for the next acknowledgement burst.</summary>
    public async Task<Mark> NextBurstAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = Delivered;
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Delivered == before)
        {
            if (Stopwatch.GetTimestamp() > until)
                throw new TimeoutException($"No row was acknowledged for {timeout.TotalSeconds:0} s: the pipeline is stuck (see the warnings above).");
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
        return Now();
    }

    /// <summary>Polls until <paramref name="deadline"/> (a Stopwatch timestamp) and returns the last burst seen, or <paramref name="start"/>.</summary>
    public async Task<Mark> LastBurstBeforeAsync(Mark start, long deadline, CancellationToken cancellationToken)
    {
        var last = start;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
            if (Stopwatch.GetTimestamp() >= deadline) break;
            if (Delivered != last.Delivered) last = Now();
        }
        return last;
    }

    private Mark Now()
    {
        var delivered = Delivered;
        return new Mark(Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow, delivered, ProcessCpu.Seconds());
    }
}

public static class ProcessCpu
{
    public static double Seconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }
}
