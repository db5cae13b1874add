using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

/// <summary>
/// Every Health:Interval, sends one health row per configured partition through the health stream (Sink:HealthStreamName)
/// of the same DCR. It has its own <see cref="BatchingSink"/>, so rows go out even when the event flow has stopped or
/// the event sink is full: the alert then sees 'failing' rather than silence.
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
                (previous, intervalStart) = await WriteRowsAsync(previous, intervalStart, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // The stop (when the host's shutdown time ran out, the health sink may be stopped already).
        }

        // Shutdown (this service stops after the pipeline, registered before it): one last row per partition for the
        // partial interval, so every event and dead letter is counted in some row, then deliver what is buffered.
        using var final = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        try
        {
            await WriteRowsAsync(previous, intervalStart, final.Token).ConfigureAwait(false);
            await healthSink.FlushAsync(final.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Shutdown goes on whatever the health stream does; the rows are lost only with the process.
            logger.LogWarning("The last health rows could not be delivered at shutdown: {Reason}", ex.Message);
        }
    }

    private async Task<(IReadOnlyDictionary<PartitionKey, PartitionTotals>, DateTimeOffset)> WriteRowsAsync(
        IReadOnlyDictionary<PartitionKey, PartitionTotals> previous, DateTimeOffset intervalStart, CancellationToken cancellationToken)
    {
        var rows = monitor.Evaluate(previous, intervalStart, out var totals);
        var now = _time.GetUtcNow();
        foreach (var row in rows)
        {
            await healthSink.SendAsync(new SinkRecord(row.Partition, HealthRowWriter.Write(row, now, WorkerVersion.Value), NoAck), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _rowsSent);
            if (row.State is HealthTable.States.Failing or HealthTable.States.Parked)
                logger.LogWarning("Partition {Partition} is {State}: {LastError}", row.Partition, row.State, row.LastError);
        }
        return (totals, now);
    }

    private sealed class NoAckImpl : IDeliveryAck
    {
        public void Delivered() { }
    }
}
