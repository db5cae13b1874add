using System.Diagnostics.Metrics;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Pipeline;

namespace SentinelAwsIac.Connector.Telemetry;

/// <summary>
/// The worker's own instruments, read from the partitions' counters when the exporter collects (no code on the data
/// path): events ingested and dead-lettered, LookupEvents requests and throttles, per partition (tag
/// <c>partition</c> = account/region), and each partition's lag. HTTP latency and status codes of every call
/// (LookupEvents, STS, Logs Ingestion) come from .NET's own <c>System.Net.Http</c> meter.
/// </summary>
public sealed class ConnectorMetrics : IDisposable
{
    public const string MeterName = "SentinelAwsIac.Connector";

    private readonly Meter _meter;

    public ConnectorMetrics(IMeterFactory meters, IPartitionStatusSource partitions, DeadLetterCounter deadLetters)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter("connector.events.ingested", () => Each(partitions, s => s.EventsDelivered), "{event}", "CloudTrail events the Logs Ingestion API accepted");
        _meter.CreateObservableCounter("connector.events.dead_lettered", () => Each(partitions, s => deadLetters.CountOf(s.Partition)), "{event}", "Events or rows set aside as dead letters");
        _meter.CreateObservableCounter("connector.lookup.requests", () => Each(partitions, s => s.Requests), "{request}", "LookupEvents calls");
        _meter.CreateObservableCounter("connector.lookup.throttles", () => Each(partitions, s => s.Throttles), "{request}", "LookupEvents calls answered with throttling");
        _meter.CreateObservableGauge("connector.lag", () => partitions.GetAll().Where(s => s.LagSeconds is not null)
            .Select(s => new Measurement<double>(s.LagSeconds!.Value, Tag(s))), "s", "How far the partition's checkpoint is behind now");
    }

    private static IEnumerable<Measurement<long>> Each(IPartitionStatusSource partitions, Func<PartitionStatus, long> value) =>
        partitions.GetAll().Select(s => new Measurement<long>(value(s), Tag(s)));

    private static KeyValuePair<string, object?> Tag(PartitionStatus status) => new("partition", status.Partition.ToString());

    public void Dispose() => _meter.Dispose();
}
