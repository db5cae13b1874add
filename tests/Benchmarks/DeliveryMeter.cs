using System.Diagnostics;
using SentinelAwsIac.Connector.Sink;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// Measures delivered events (rows the sink acknowledged after a 204) without touching the data path: it polls the
/// sink's counters every 20 ms and notes each change (an acknowledgement burst: one upload's rows) with the time and
/// this process's CPU time. The interval starts at the first burst after the warm-up and ends at the last burst before
/// start + seconds; events = rows acknowledged in between, seconds = time between those two bursts. Acknowledgements
/// come in steps (at P=1 one batch per flush interval: 4 or 5 pages of 50 rows), so that count can be off by one page
/// either way (±50 events, ±1.7% at P=1 over 30 s); <see cref="Rate"/> (the least-squares slope over every burst) is
/// reported beside it as a cross-check that is insensitive to the step, though not to a sink draining its buffer.
/// </summary>
public sealed class DeliveryMeter(BatchingSink sink)
{
    public readonly record struct Mark(long Timestamp, DateTimeOffset Wall, long Delivered, double CpuSeconds);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

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

    /// <summary>Every burst from <paramref name="start"/> (included) until <paramref name="deadline"/> (a Stopwatch timestamp).</summary>
    public async Task<List<Mark>> BurstsUntilAsync(Mark start, long deadline, CancellationToken cancellationToken)
    {
        var marks = new List<Mark> { start };
        while (true)
        {
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
            if (Stopwatch.GetTimestamp() >= deadline) return marks;
            if (Delivered != marks[^1].Delivered) marks.Add(Now());
        }
    }

    /// <summary>Least-squares slope of delivered rows against time, rows per second; null with fewer than 2 bursts.</summary>
    public static double? Rate(IReadOnlyList<Mark> marks)
    {
        if (marks.Count < 2) return null;
        var t0 = marks[0].Timestamp;
        double n = marks.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var m in marks)
        {
            var x = (m.Timestamp - t0) / (double)Stopwatch.Frequency;
            double y = m.Delivered - marks[0].Delivered;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        var d = n * sxx - sx * sx;
        return d > 0 ? (n * sxy - sx * sy) / d : null;
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
