using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;

namespace SentinelAwsIac.Connector.Health;

/// <summary>
/// Every Health:Interval, sends one health row per configured partition through the health stream (Sink:HealthStreamName)
/// of the same DCR. It has its own <see cref="BatchingSink"/>, so rows go out even when the event flow has stopped or
/// the event sink is full: the alert then sees 'failing' rather than silence (issue 4).
/// </summary>
public sealed class HealthReporter(HealthMonitor monitor, [Microsoft.Extensions.DependencyInjection.FromKeyedServices(HealthReporter.SinkKey)] ISink healthSink,
    IOptions<HealthOptions> options, ILogger<HealthReporter> logger, TimeProvider? timeProvider = null) : BackgroundService
{
    /// <summary>Service key of the health stream's sink.</summary>
    public const string SinkKey = "health";

    private static readonly IDeliveryAck NoAck = new NoAckImpl();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private long _rowsSent;

    public long RowsSent => Interlocked.Read(ref _rowsSent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WriteRows)
        {
            logger.LogInformation("Health rows are off (Health:WriteRows=false); /healthz still answers.");
            return;
        }
        var previous = monitor.Totals();
        var intervalStart = _time.GetUtcNow();
        using var timer = new PeriodicTimer(options.Value.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var rows = monitor.Evaluate(previous, intervalStart);
                previous = monitor.Totals();
                var now = _time.GetUtcNow();
                intervalStart = now;
                foreach (var row in rows)
                {
                    await healthSink.SendAsync(new SinkRecord(row.Partition, HealthRowWriter.Write(row, now, WorkerVersion.Value), NoAck), stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref _rowsSent);
                    if (row.State is HealthStates.Failing or HealthStates.Parked)
                        logger.LogWarning("Partition {Partition} is {State}: {LastError}", row.Partition, row.State, row.LastError);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        using var flush = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await healthSink.FlushAsync(flush.Token).ConfigureAwait(false); }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException) { }
    }

    private sealed class NoAckImpl : IDeliveryAck
    {
        public void Delivered() { }
    }
}
