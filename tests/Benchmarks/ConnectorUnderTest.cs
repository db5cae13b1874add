using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.Credentials;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Emulators.Tls;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// The connector's real components, wired as the worker wires them: per account the reader role's STS session
/// (AssumeRole with the external ID, from the broker's access key) and a <see cref="LookupEventsClientFactory"/>
/// sharing one HttpClient; one <see cref="PartitionRunner"/> per partition; <see cref="CloudTrailRecordMapper"/>;
/// one <see cref="BatchingSink"/> over <see cref="LogsIngestionClient"/> (HTTPS, bearer token, no pipeline retries:
/// the sink retries); a <see cref="FileCheckpointStore"/> and a <see cref="FileDeadLetterQueue"/> in a temporary folder.
/// </summary>
public sealed class ConnectorUnderTest : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sentinel-bench-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _cloudTrailHttp = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<PartitionRunner> _runners = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly FileDeadLetterQueue _deadLetters;
    private readonly X509Certificate2 _certificate;
    private Task _running = Task.CompletedTask;

    public ConnectorUnderTest(BenchmarkOptions options, EmulatorInfo info, ILoggerFactory loggers)
    {
        Directory.CreateDirectory(_folder);
        _deadLetters = new FileDeadLetterQueue(Path.Combine(_folder, "deadletter"));
        ICheckpointStore store = options.MemoryCheckpoints ? new MemoryCheckpointStore() : new FileCheckpointStore(Path.Combine(_folder, "checkpoints"));
        Stages = options.Stages ? new StageTimers() : null;
        IRecordMapper mapper = new CloudTrailRecordMapper();
        if (Stages is not null) mapper = Stages.Wrap(mapper);

        SinkOptions = new SinkOptions
        {
            Endpoint = info.LogsIngestionEndpoint.ToString(),
            RuleId = LogsIngestionEmulatorOptions.DefaultRuleId,
        };
        if (options.FlushMilliseconds is { } flush) SinkOptions.FlushInterval = TimeSpan.FromMilliseconds(flush);
        _certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(info.CertificateDerBase64));
        var clientOptions = new LogsIngestionClientOptions { Transport = new HttpClientTransport(LoopbackCertificate.CreateTrustingHandler(_certificate)) };
        clientOptions.Retry.MaxRetries = 0; // as SinkServiceCollectionExtensions: BatchingSink owns retries
        var credential = new EmulatorTokenCredential(info.IngestionAudience, info.IngestionToken, info.IngestionTokenExpires);
        var client = Stages is null
            ? new LogsIngestionClient(info.LogsIngestionEndpoint, credential, clientOptions)
            : new TimedLogsIngestionClient(info.LogsIngestionEndpoint, credential, clientOptions, Stages.Upload);
        Sink = new BatchingSink(client, SinkOptions, _deadLetters, loggers.CreateLogger<BatchingSink>());
        ISink sink = Sink;
        if (options.Rate > 0)
        {
            Probe = new LatencyProbeSink(Sink, TimeSpan.FromSeconds(info.VisibilityOffsetSeconds));
            sink = Probe;
        }
        if (Stages is not null) sink = Stages.Wrap(sink);

        SourceOptions = SourceOptionsFor(options, info, account: "");
        foreach (var group in Topology.Partitions(options.Partitions).GroupBy(p => p.Account))
        {
            var source = SourceOptionsFor(options, info, group.Key);
            var credentials = ReaderCredentialsFactory.Create(source, tokenCredential: null);
            var clients = new LookupEventsClientFactory(credentials, info.CloudTrailEndpoint, _cloudTrailHttp);
            foreach (var (account, region) in group)
            {
                var lookup = clients.Create(region);
                if (Stages is not null) lookup = Stages.Wrap(lookup);
                _runners.Add(new PartitionRunner(new PartitionKey(account, region), lookup, mapper, sink, store, _deadLetters,
                    source, Status, loggers.CreateLogger<PartitionRunner>()));
            }
        }
    }

    public BatchingSink Sink { get; }
    public LatencyProbeSink? Probe { get; }
    public StageTimers? Stages { get; }
    public SinkOptions SinkOptions { get; }
    public SourceOptions SourceOptions { get; }
    public PartitionStatusRegistry Status { get; } = new();

    /// <summary>
    /// Backlog mode: BackfillDays = 1 (the seeded history lies in the first chunk) and Overlap = 0, so a settled chunk is
    /// read once and never swept again (the source's note: the sweep re-reads seconds younger than SettleDelay + Overlap).
    /// Live mode: BackfillDays = 0 and the short settle delay and poll interval of the command line.
    /// </summary>
    private static SourceOptions SourceOptionsFor(BenchmarkOptions options, EmulatorInfo info, string account)
    {
        var live = options.Rate > 0;
        return new SourceOptions
        {
            ReaderRoleArn = Topology.ReaderRoleArn(account.Length > 0 ? account : Topology.Account(0)),
            ExternalId = info.ExternalId,
            Regions = string.Join(",", Topology.Partitions(options.Partitions).Where(p => account.Length == 0 || p.Account == account).Select(p => p.Region).Distinct()),
            Broker = new BrokerOptions { Mode = BrokerMode.AccessKey, AccessKeyId = info.BrokerAccessKeyId, SecretAccessKey = info.BrokerSecretAccessKey },
            Endpoint = info.CloudTrailEndpoint,
            StsEndpoint = info.StsEndpoint,
            BackfillDays = live ? 0 : 1,
            Overlap = TimeSpan.Zero,
            SettleDelay = live ? TimeSpan.FromSeconds(options.SettleSeconds) : new SourceOptions().SettleDelay,
            PollInterval = live ? TimeSpan.FromSeconds(options.PollSeconds) : new SourceOptions().PollInterval,
            ProgressInterval = TimeSpan.FromHours(1),
        };
    }

    public int PartitionCount => _runners.Count;

    public void Start() =>
        _running = Task.WhenAll(_runners.Select(r => Task.Run(() => r.RunAsync(_stop.Token), CancellationToken.None)));

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync().ConfigureAwait(false);
        await Sink.DisposeAsync().ConfigureAwait(false);
        await _deadLetters.DisposeAsync().ConfigureAwait(false);
        _cloudTrailHttp.Dispose();
        _certificate.Dispose();
        _stop.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
