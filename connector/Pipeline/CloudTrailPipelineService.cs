using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Starts one <see cref="PartitionRunner"/> per configured region of the reader role's account and runs them
/// side by side until the host stops; one partition's trouble never stops the others.
/// </summary>
public sealed class CloudTrailPipelineService(
    IOptions<SourceOptions> options, ILookupEventsClientFactory clients, IRecordMapper mapper, ISink sink, ICheckpointStore store,
    IDeadLetterQueue deadLetters, PartitionStatusRegistry status, ILoggerFactory loggers, TimeProvider? timeProvider = null) : BackgroundService
{
    // Made at start: when the host's shutdown time runs out, it disposes the logger factory while this still ends.
    private readonly ILogger _logger = loggers.CreateLogger<CloudTrailPipelineService>();
    private readonly ILogger<PartitionRunner> _runnerLogger = loggers.CreateLogger<PartitionRunner>();

    public IReadOnlyList<PartitionKey> Partitions { get; } = PartitionsOf(options.Value);

    public static IReadOnlyList<PartitionKey> PartitionsOf(SourceOptions o)
    {
        var account = RoleArn.Parse(o.ReaderRoleArn).AccountId;
        return o.RegionList.Select(r => new PartitionKey(account, r)).ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runners = Partitions.Select(p => new PartitionRunner(p, clients.Create(p.Region), mapper, sink, store, deadLetters, options.Value,
            status, _runnerLogger, timeProvider)).ToList();
        await Task.WhenAll(runners.Select(r => Task.Run(() => r.RunAsync(stoppingToken), CancellationToken.None))).ConfigureAwait(false);
        // Upload what is buffered so acknowledged rows reach their checkpoint before the process exits. When the host's
        // shutdown time ran out first, the sink is already stopped (disposed): its rows stay unacknowledged and are
        // read again after the restart, which is no failure of this service.
        using var flush = new CancellationTokenSource(PartitionRunner.ShutdownDrainTimeout, timeProvider ?? TimeProvider.System);
        try { await sink.FlushAsync(flush.Token).ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogInformation(
                "Shutdown: rows still in the sink were not delivered ({Reason}); they stay unacknowledged and are read again after the restart.",
                e is ObjectDisposedException ? "the host stopped the sink first" : "the flush ran out of time");
        }
    }
}
