using System.Buffers;
using System.IO.Compression;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>Serializes rows (each already one UTF-8 JSON object) as one JSON array and gzips it: the body of one upload.
/// With <see cref="CompressionLevel.NoCompression"/> the JSON is sent as is, without Content-Encoding (gzip is optional, FACTS.md).</summary>
internal static class GzipJsonArray
{
    /// <summary>Length of the JSON array holding these rows: brackets plus a comma between rows.</summary>
    public static long JsonLength(ReadOnlySpan<SinkRecord> records)
    {
        long length = 2 + Math.Max(0, records.Length - 1);
        foreach (var record in records) length += record.Row.Length;
        return length;
    }

    /// <summary>The body; <paramref name="jsonLength"/> is the uncompressed size, <paramref name="contentEncoding"/> "gzip" or null.</summary>
    public static ReadOnlyMemory<byte> Compress(ReadOnlySpan<SinkRecord> records, CompressionLevel level, out int jsonLength, out string? contentEncoding)
    {
        jsonLength = checked((int)JsonLength(records));
        if (level == CompressionLevel.NoCompression)
        {
            contentEncoding = null;
            var plain = new byte[jsonLength];
            Write(records, plain);
            return plain;
        }
        contentEncoding = "gzip";
        var json = ArrayPool<byte>.Shared.Rent(jsonLength);
        try
        {
            var position = Write(records, json);

            // One large write: DeflateStream calls into zlib per Write, so many small writes would cost more CPU.
            var output = new MemoryStream(jsonLength / 3 + 256); // JSON rows shrink about 4× at level 1
            using (var gzip = new GZipStream(output, level, leaveOpen: true))
                gzip.Write(json, 0, position);
            return new ReadOnlyMemory<byte>(output.GetBuffer(), 0, (int)output.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(json);
        }
    }

    private static int Write(ReadOnlySpan<SinkRecord> records, byte[] json)
    {
        var position = 0;
        json[position++] = (byte)'[';
        for (var i = 0; i < records.Length; i++)
        {
            if (i > 0) json[position++] = (byte)',';
            var row = records[i].Row;
            row.CopyTo(json, position);
            position += row.Length;
        }
        json[position++] = (byte)']';
        return position;
    }
}
