using System.Buffers;
using System.IO.Compression;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>Serializes rows (each already one UTF-8 JSON object) as one JSON array and gzips it: the body of one upload.
/// With <see cref="CompressionLevel.NoCompression"/> the JSON is sent as is, without Content-Encoding (gzip is optional, docs/facts.md#logs-ingestion-api-requests-limits-and-roles).
/// Bodies live in pooled memory (<see cref="PooledBody"/>): the caller disposes the body once the upload is answered.</summary>
internal static class GzipJsonArray
{
    /// <summary>Rows are gathered into runs of about this size before each compressor call: zlib costs per call, and a
    /// run this size stays in the CPU cache (a full 1 MB JSON copy does not).</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Length of the JSON array holding these rows: brackets plus a comma between rows.</summary>
    public static long JsonLength(ReadOnlySpan<SinkRecord> records)
    {
        long length = 2 + Math.Max(0, records.Length - 1);
        foreach (var record in records) length += record.Row.Length;
        return length;
    }

    /// <summary>The body; <paramref name="jsonLength"/> is the uncompressed size, <paramref name="contentEncoding"/> "gzip" or null.</summary>
    public static PooledBody Compress(ReadOnlySpan<SinkRecord> records, CompressionLevel level, out int jsonLength, out string? contentEncoding)
    {
        jsonLength = checked((int)JsonLength(records));
        if (level == CompressionLevel.NoCompression)
        {
            contentEncoding = null;
            var plain = new PooledBody(jsonLength);
            var written = Write(records, plain.GetSpan(jsonLength));
            plain.Advance(written);
            return plain;
        }
        contentEncoding = "gzip";
        var output = new PooledBody(jsonLength / 6 + 256); // JSON rows shrink about 9× at level 1 (docs/performance.md); it grows if not
        try
        {
            using (var gzip = new GZipStream(output, level, leaveOpen: true))
            {
                var writer = new ChunkWriter(gzip);
                try
                {
                    writer.Append((byte)'[');
                    for (var i = 0; i < records.Length; i++)
                    {
                        if (i > 0) writer.Append((byte)',');
                        writer.Append(records[i].Row);
                    }
                    writer.Append((byte)']');
                    writer.Flush();
                }
                finally
                {
                    writer.Dispose();
                }
            }
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Gathers small writes into one pooled chunk per compressor call.</summary>
    private struct ChunkWriter(GZipStream gzip)
    {
        private byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private int _position;

        public void Append(byte value)
        {
            if (_position == _chunk.Length) Flush();
            _chunk[_position++] = value;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (_position + bytes.Length > _chunk.Length)
            {
                Flush();
                if (bytes.Length > _chunk.Length)
                {
                    gzip.Write(bytes); // larger than a chunk: no point copying it
                    return;
                }
            }
            bytes.CopyTo(_chunk.AsSpan(_position));
            _position += bytes.Length;
        }

        public void Flush()
        {
            if (_position == 0) return;
            gzip.Write(_chunk, 0, _position);
            _position = 0;
        }

        public void Dispose()
        {
            if (_chunk.Length == 0) return;
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = [];
        }
    }

    private static int Write(ReadOnlySpan<SinkRecord> records, Span<byte> json)
    {
        var position = 0;
        json[position++] = (byte)'[';
        for (var i = 0; i < records.Length; i++)
        {
            if (i > 0) json[position++] = (byte)',';
            var row = records[i].Row;
            row.CopyTo(json[position..]);
            position += row.Length;
        }
        json[position++] = (byte)']';
        return position;
    }
}
