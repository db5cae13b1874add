using System.Globalization;
using System.Text;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// Live-feed runs only: sits between the partition runners and the <see cref="BatchingSink"/> and notes, per row,
/// when the event became visible in the emulator (its TimeGenerated + the feed's visibility offset), when the runner
/// gave it to the sink, and when the sink acknowledged it (the upload that carried it got 204). Rows pass unchanged.
/// </summary>
public sealed class LatencyProbeSink(ISink inner, TimeSpan visibilityOffset) : ISink
{
    private static readonly byte[] TimeGeneratedKey = Encoding.UTF8.GetBytes("\"TimeGenerated\":\"");
    private readonly List<Sample> _samples = [];

    /// <summary>One row: ticks of DateTimeOffset.UtcNow (wall clock, shared with the emulator process). Acked = 0 until acknowledged.</summary>
    public sealed class Sample(long visible, long sent)
    {
        public long Visible { get; } = visible;
        public long Sent { get; } = sent;
        public long Acked;
    }

    public ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken)
    {
        var sample = new Sample((TimeGenerated(record.Row) + visibilityOffset).UtcTicks, DateTimeOffset.UtcNow.UtcTicks);
        lock (_samples) _samples.Add(sample);
        return inner.SendAsync(record with { Ack = new ProbeAck(record.Ack, sample) }, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public IReadOnlyList<Sample> Samples() { lock (_samples) return [.. _samples]; }

    private sealed class ProbeAck(IDeliveryAck inner, Sample sample) : IDeliveryAck
    {
        public void Delivered()
        {
            Interlocked.CompareExchange(ref sample.Acked, DateTimeOffset.UtcNow.UtcTicks, 0);
            inner.Delivered();
        }
    }

    private static DateTimeOffset TimeGenerated(byte[] row)
    {
        var at = row.AsSpan().IndexOf(TimeGeneratedKey);
        if (at < 0) throw new InvalidOperationException("A mapped row has no TimeGenerated column.");
        var value = row.AsSpan(at + TimeGeneratedKey.Length);
        value = value[..value.IndexOf((byte)'"')];
        return DateTimeOffset.Parse(Encoding.UTF8.GetString(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
