using System.Text.Json;
using System.Text.Json.Serialization;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// What a store keeps per partition: the partition it belongs to (checked on read, so a misplaced file or blob is
/// caught), the sequence number and random write ID that make the file store's version, and the checkpoint.
/// </summary>
internal sealed record CheckpointDocument(string Partition, long Sequence, PartitionCheckpoint Checkpoint, string? WriteId = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, // a person reads these during an incident; they are small
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <param name="where">The file or blob, for the error message.</param>
    public static CheckpointDocument Parse(ReadOnlySpan<byte> utf8, PartitionKey? expected, string where)
    {
        CheckpointDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CheckpointDocument>(utf8, Options);
        }
        catch (JsonException ex)
        {
            throw Corrupt(where, ex.Message, ex);
        }
        if (document?.Checkpoint is null || string.IsNullOrEmpty(document.Partition))
            throw Corrupt(where, "it has no partition or no checkpoint", null);
        if (expected is { } partition && document.Partition != partition.ToString())
            throw Corrupt(where, $"it belongs to partition '{document.Partition}', not '{partition}'", null);
        return document;
    }

    private static InvalidDataException Corrupt(string where, string why, Exception? inner) =>
        new($"Checkpoint {where} is not a valid checkpoint ({why}). Fix: restore it from a backup, or delete it so the partition starts again from its backfill window (events already sent are then sent again).", inner);
}
