using System.Diagnostics;
using SentinelAwsIac.Emulators.Aws;
using SentinelAwsIac.Emulators.CloudTrail;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Emulators.Sts;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// STS, CloudTrail and Logs Ingestion emulators at their real limits (2 LookupEvents requests per second per account
/// and region, 50 per page, SigV4 against issued sessions; HTTPS, bearer token, 1 MB bodies, column checks), the
/// emulated IAM (a broker user, one reader role per account with the external ID), and the events: a backlog per
/// partition, or a live feed.
/// </summary>
public sealed class EmulatorSet : IAsyncDisposable
{
    /// <summary>A fed event becomes visible this long after the start of its eventTime second (see <see cref="FeedAsync"/>).</summary>
    public static readonly TimeSpan VisibilityOffset = TimeSpan.FromMilliseconds(200);

    private readonly BenchmarkOptions _options;
    private readonly IReadOnlyList<(string Account, string Region)> _partitions;
    private long _feedAdded, _feedLate;

    private EmulatorSet(BenchmarkOptions options)
    {
        _options = options;
        _partitions = Topology.Partitions(options.Partitions);
    }

    public AwsIdentityStore Identities { get; } = new();
    public StsEmulator Sts { get; private set; } = null!;
    public CloudTrailEmulator CloudTrail { get; private set; } = null!;
    public LogsIngestionEmulator LogsIngestion { get; private set; } = null!;
    public EmulatorInfo Info { get; private set; } = null!;

    public static async Task<EmulatorSet> StartAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var set = new EmulatorSet(options);
        set.Sts = await StsEmulator.StartAsync(set.Identities, cancellationToken).ConfigureAwait(false);
        set.CloudTrail = await CloudTrailEmulator.StartAsync(set.Identities, cancellationToken).ConfigureAwait(false);
        // KeepRows off: a long run would otherwise hold every row; the emulator still parses and checks each one.
        set.LogsIngestion = await LogsIngestionEmulator.StartAsync(new LogsIngestionEmulatorOptions { KeepRows = false }, cancellationToken).ConfigureAwait(false);

        var broker = set.Identities.AddAccessKey(Topology.BrokerUserArn);
        var externalId = "bench-" + Guid.NewGuid().ToString("N");
        foreach (var account in set._partitions.Select(p => p.Account).Distinct())
            set.Identities.AddRole(new EmulatedRole(Topology.ReaderRoleArn(account), [Topology.BrokerUserArn], externalId));

        var seeded = 0;
        var seedWatch = Stopwatch.StartNew();
        if (options.Rate == 0)
        {
            seeded = options.BacklogPerPartition;
            set.SeedBacklog(seeded);
        }
        var audience = set.LogsIngestion.Options.Audience;
        var expires = DateTimeOffset.UtcNow.AddHours(6);
        set.Info = new EmulatorInfo(set.Sts.BaseAddress, set.CloudTrail.BaseAddress, set.LogsIngestion.Endpoint,
            Convert.ToBase64String(set.LogsIngestion.Certificate.RawData), audience, set.LogsIngestion.Tokens.Issue(audience, expires), expires,
            broker.AccessKeyId, broker.SecretAccessKey, externalId, seeded, seedWatch.Elapsed.TotalSeconds, VisibilityOffset.TotalSeconds);
        return set;
    }

    /// <summary>
    /// Each partition gets <paramref name="perPartition"/> events, 1–3 KB each, spread over 30 minutes that start 5
    /// minutes inside the connector's first backfill chunk (BackfillDays = 1 reads from now − 1 day): every page then
    /// holds 50 events and no request is spent on empty time. One generator per partition, in parallel, seeded from
    /// the partition number, so the records are the same from run to run.
    /// </summary>
    private void SeedBacklog(int perPartition)
    {
        var from = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(5);
        var to = from.AddMinutes(30);
        Parallel.For(0, _partitions.Count, p =>
        {
            var (account, region) = _partitions[p];
            CloudTrail.Seed(new CloudTrailRecordGenerator(_options.Seed + p), account, region, perPartition, from, to);
        });
    }

    /// <summary>
    /// Live feed: at every whole second T each partition gets its share of <see cref="BenchmarkOptions.Rate"/> events
    /// with eventTime = T, visible from T + <see cref="VisibilityOffset"/> (the emulator hides them until then). The
    /// connector side can so compute each event's visible time from its TimeGenerated. An event added after its
    /// visible time (a late timer) counts in FeedLate; its latency is then over-stated, never under-stated.
    /// </summary>
    public async Task FeedAsync(CancellationToken cancellationToken)
    {
        var generators = Enumerable.Range(0, _partitions.Count).Select(p => new CloudTrailRecordGenerator(_options.Seed + 1000 + p)).ToArray();
        var owed = new double[_partitions.Count];
        var next = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                while (next <= now)
                {
                    var visible = next + VisibilityOffset;
                    for (var p = 0; p < _partitions.Count; p++)
                    {
                        owed[p] += _options.Rate;
                        var n = (int)owed[p];
                        owed[p] -= n;
                        if (n == 0) continue;
                        var (account, region) = _partitions[p];
                        var events = new List<EmulatedEvent>(n);
                        for (var i = 0; i < n; i++) events.Add(generators[p].Create(account, region, next, visible));
                        CloudTrail.AddEvents(account, region, events);
                        Interlocked.Add(ref _feedAdded, n);
                        if (DateTimeOffset.UtcNow > visible) Interlocked.Add(ref _feedLate, n);
                    }
                    next = next.AddSeconds(1);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    public EmulatorStats Stats()
    {
        var self = Process.GetCurrentProcess();
        return new EmulatorStats(CloudTrail.Requests, CloudTrail.Throttles, CloudTrail.EventsReturned,
            LogsIngestion.Counters.Requests, LogsIngestion.Counters.RowsAccepted, LogsIngestion.Counters.Status(413), LogsIngestion.Counters.BytesReceived,
            self.TotalProcessorTime.TotalSeconds, ProcessMemory.PeakRssMegabytes(), Interlocked.Read(ref _feedAdded), Interlocked.Read(ref _feedLate));
    }

    public async ValueTask DisposeAsync()
    {
        await LogsIngestion.DisposeAsync().ConfigureAwait(false);
        await CloudTrail.DisposeAsync().ConfigureAwait(false);
        await Sts.DisposeAsync().ConfigureAwait(false);
    }
}
