using System.Globalization;

namespace SentinelAwsIac.Benchmarks;

/// <summary>Command line of the benchmark; every option has a default so that <c>--partitions P --seconds S</c> is enough.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>Partitions (account × region) read at once.</summary>
    public int Partitions { get; set; } = 1;

    /// <summary>Length of the measured interval.</summary>
    public double Seconds { get; set; } = 30;

    /// <summary>Time the pipeline runs before the measured interval starts (STS, TLS handshakes, JIT, first batches).</summary>
    public double WarmupSeconds { get; set; } = 10;

    /// <summary>0: backlog mode (each partition has more history than it can read in the run, so the reader is at the
    /// quota ceiling). Above 0: a live feed of this many events per second per partition, for latency.</summary>
    public double Rate { get; set; }

    /// <summary>Run the emulators inside the benchmark process instead of a child process.</summary>
    public bool InProcess { get; set; }

    /// <summary>Internal: this process is the emulator child.</summary>
    public bool ServeEmulators { get; set; }

    /// <summary>Sink flush interval; null keeps the connector's default (SinkOptions.FlushInterval).</summary>
    public double? FlushMilliseconds { get; set; }

    /// <summary>Settle delay and poll interval of the live-feed run (the connector's defaults are 2 min and 15 s).</summary>
    public double SettleSeconds { get; set; } = 1;
    public double PollSeconds { get; set; } = 1;

    /// <summary>Events of the in-process map + serialize + gzip measurement.</summary>
    public int MicroEvents { get; set; } = 100_000;

    /// <summary>Events of backlog per partition; 0 = enough for warm-up + seconds at the ceiling, with margin.</summary>
    public int Backlog { get; set; }

    public int Seed { get; set; } = 42;

    /// <summary>Time each stage (LookupEvents call, map, sink send, upload) and report it; see <see cref="StageTimers"/>.</summary>
    public bool Stages { get; set; }

    /// <summary>Diagnosis only: checkpoints in memory instead of the file store, to measure the file store's share.</summary>
    public bool MemoryCheckpoints { get; set; }

    public int BacklogPerPartition => Backlog > 0 ? Backlog
        : (int)Math.Ceiling(Ceiling.EventsPerSecondPerPartition * (WarmupSeconds + Seconds) * 1.1 + 1_000);

    public static BenchmarkOptions Parse(string[] args)
    {
        var o = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--partitions": o.Partitions = (int)Number(); break;
                case "--seconds": o.Seconds = Number(); break;
                case "--warmup": o.WarmupSeconds = Number(); break;
                case "--rate": o.Rate = Number(); break;
                case "--in-process": o.InProcess = true; break;
                case "--serve-emulators": o.ServeEmulators = true; break;
                case "--flush-ms": o.FlushMilliseconds = Number(); break;
                case "--settle-seconds": o.SettleSeconds = Number(); break;
                case "--poll-seconds": o.PollSeconds = Number(); break;
                case "--micro-events": o.MicroEvents = (int)Number(); break;
                case "--backlog": o.Backlog = (int)Number(); break;
                case "--seed": o.Seed = (int)Number(); break;
                case "--stages": o.Stages = true; break;
                case "--memory-checkpoints": o.MemoryCheckpoints = true; break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Options: --partitions P --seconds S [--warmup W] [--rate R] " +
                        "[--in-process] [--flush-ms MS] [--settle-seconds S] [--poll-seconds S] [--micro-events N] [--backlog N] [--seed N] [--stages] [--memory-checkpoints].");
            }
        }
        if (o.Partitions is < 1 or > Topology.MaxPartitions)
            throw new ArgumentException($"--partitions must be 1–{Topology.MaxPartitions}.");
        if (o.Seconds <= 0 || o.WarmupSeconds < 0 || o.Rate < 0)
            throw new ArgumentException("--seconds must be above 0; --warmup and --rate 0 or more.");
        return o;
    }

    /// <summary>The arguments the emulator child needs.</summary>
    public string[] ChildArguments() =>
    [
        "--serve-emulators", "--partitions", P(Partitions), "--seconds", P(Seconds), "--warmup", P(WarmupSeconds),
        "--rate", P(Rate), "--backlog", P(Backlog), "--seed", P(Seed),
    ];

    private static string P(double v) => v.ToString(CultureInfo.InvariantCulture);
}
