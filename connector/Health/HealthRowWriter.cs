using System.Buffers;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Health;

/// <summary>Serializes a <see cref="PartitionHealth"/> as one row of the health stream (columns of contracts HealthTable).</summary>
internal static class HealthRowWriter
{
    public static byte[] Write(PartitionHealth h, DateTimeOffset at, string workerVersion)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(HealthColumns.Name(HealthColumn.TimeGenerated), at.UtcDateTime);
            json.WriteString(HealthColumns.Name(HealthColumn.Partition), h.Partition.ToString());
            json.WriteString(HealthColumns.Name(HealthColumn.AccountId), h.Partition.AccountId);
            json.WriteString(HealthColumns.Name(HealthColumn.Region), h.Partition.Region);
            json.WriteString(HealthColumns.Name(HealthColumn.State), h.State);
            if (h.NewestEventTime is { } newest) json.WriteString(HealthColumns.Name(HealthColumn.NewestEventTime), newest.UtcDateTime);
            else json.WriteNull(HealthColumns.Name(HealthColumn.NewestEventTime));
            if (h.LagSeconds is { } lag) json.WriteNumber(HealthColumns.Name(HealthColumn.LagSeconds), Math.Round(lag, 3));
            else json.WriteNull(HealthColumns.Name(HealthColumn.LagSeconds));
            json.WriteNumber(HealthColumns.Name(HealthColumn.Events), h.Events);
            json.WriteNumber(HealthColumns.Name(HealthColumn.DeadLetters), h.DeadLetters);
            json.WriteNumber(HealthColumns.Name(HealthColumn.Throttles), h.Throttles);
            // Field values over 64 KB are truncated by the service (docs/facts.md#logs-ingestion-api-requests-limits-and-roles); an error message is kept far below that.
            if (h.LastError is { } error) json.WriteString(HealthColumns.Name(HealthColumn.LastError), error.Length > 4096 ? error[..4096] + "…" : error);
            else json.WriteNull(HealthColumns.Name(HealthColumn.LastError));
            json.WriteString(HealthColumns.Name(HealthColumn.WorkerVersion), workerVersion);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
