using System.Diagnostics;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Emulators.CloudTrail;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// CPU per event of the connector's per-event work without the network: <see cref="CloudTrailRecordMapper"/> (record →
/// row), then the sink's body serialization (<see cref="GzipJsonArray"/>: rows joined into a JSON array of at most
/// MaxBatchBytes, as <see cref="BatchingSink"/> cuts batches) and gzip at the sink's default level. A tight loop on
/// one thread over records from the same generator as the emulator; process CPU time (GC included) / events.
/// </summary>
public static class MapSerializeGzipProbe
{
    public sealed record Result(int Events, double MapSerializeGzipMicroseconds, double MapMicroseconds, double SerializeGzipMicroseconds,
        double MeanRecordBytes, double MeanRowBytes, double CompressionRatio, string CompressionLevel);

    public static Result Measure(int events, int seed)
    {
        var generator = new CloudTrailRecordGenerator(seed);
        var distinct = Math.Min(events, 5_000);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var records = new CloudTrailEvent[distinct];
        long recordBytes = 0;
        for (var i = 0; i < distinct; i++)
        {
            var e = generator.Create("111122220000", "us-east-1", start.AddMilliseconds(i * 100));
            records[i] = new CloudTrailEvent(e.EventId, e.EventTime, e.EventName, e.EventSource, e.Username, e.ReadOnly, e.AccessKeyId, e.CloudTrailEventJson);
            recordBytes += System.Text.Encoding.UTF8.GetByteCount(e.CloudTrailEventJson);
        }
        var mapper = new CloudTrailRecordMapper();
        var defaults = new SinkOptions();
        var level = defaults.CompressionLevel;
        var maxBatch = defaults.MaxBatchBytes;
        var ack = new NoAck();
        var partition = new PartitionKey("111122220000", "us-east-1");

        // Warm-up (JIT, tiering, pools), then the measured passes.
        RunAll(records, distinct * 3);
        var (all, _) = Cpu(() => RunAll(records, events));
        var (map, rows) = Cpu(() => MapOnly(records, events));
        var (gzip, sizes) = Cpu(() => GzipOnly(rows, events));
        return new Result(events, all * 1e6 / events, map * 1e6 / events, gzip * 1e6 / events,
            (double)recordBytes / distinct, rows.Average(r => r.Row.Length), (double)sizes.Json / Math.Max(1, sizes.Wire), level.ToString());

        (long Json, long Wire) RunAll(CloudTrailEvent[] source, int n)
        {
            var batch = new List<SinkRecord>(512);
            long bytes = 0, json = 0, wire = 0;
            for (var i = 0; i < n; i++)
            {
                var row = mapper.Map(source[i % source.Length]).Row ?? throw new InvalidOperationException("A generated record did not map.");
                var added = (batch.Count == 0 ? 2 : 1) + row.Length;
                if (batch.Count > 0 && bytes + added > maxBatch) { Flush(batch, ref json, ref wire); bytes = 0; added = 2 + row.Length; }
                batch.Add(new SinkRecord(partition, row, ack));
                bytes += added;
            }
            Flush(batch, ref json, ref wire);
            return (json, wire);
        }

        SinkRecord[] MapOnly(CloudTrailEvent[] source, int n)
        {
            var rows = new SinkRecord[source.Length];
            for (var i = 0; i < n; i++) rows[i % source.Length] = new SinkRecord(partition, mapper.Map(source[i % source.Length]).Row!, ack);
            return rows;
        }

        (long Json, long Wire) GzipOnly(SinkRecord[] rows, int n)
        {
            var batch = new List<SinkRecord>(512);
            long bytes = 0, json = 0, wire = 0;
            for (var i = 0; i < n; i++)
            {
                var r = rows[i % rows.Length];
                var added = (batch.Count == 0 ? 2 : 1) + r.Row.Length;
                if (batch.Count > 0 && bytes + added > maxBatch) { Flush(batch, ref json, ref wire); bytes = 0; added = 2 + r.Row.Length; }
                batch.Add(r);
                bytes += added;
            }
            Flush(batch, ref json, ref wire);
            return (json, wire);
        }

        void Flush(List<SinkRecord> batch, ref long json, ref long wire)
        {
            if (batch.Count == 0) return;
            using var body = GzipJsonArray.Compress(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batch), level, out var length, out _);
            json += length;
            wire += body.Length;
            batch.Clear();
        }
    }

    private static (double Seconds, T Value) Cpu<T>(Func<T> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var before = self.TotalProcessorTime;
        var value = work();
        self.Refresh();
        var seconds = (self.TotalProcessorTime - before).TotalSeconds;
        return (seconds, value);
    }

    private sealed class NoAck : IDeliveryAck
    {
        public void Delivered() { }
    }
}
