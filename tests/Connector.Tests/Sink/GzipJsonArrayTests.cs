using System.IO.Compression;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class GzipJsonArrayTests
{
    private static SinkRecord[] Records(params int[] sizes) =>
        sizes.Select((size, i) => new SinkRecord(SinkHarness.Partition, CloudTrailRows.Row(i, size), new RecordingAck())).ToArray();

    private static byte[] ExpectedJson(SinkRecord[] records) =>
        [(byte)'[', .. records.SelectMany((r, i) => i == 0 ? r.Row : [(byte)',', .. r.Row]), (byte)']'];

    private static byte[] Gunzip(ReadOnlyMemory<byte> body)
    {
        using var gzip = new GZipStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    [Theory]
    [InlineData(new[] { 1500 })]
    [InlineData(new[] { 1200, 3000, 2048, 1024 })]
    [InlineData(new[] { 40_000, 30_000, 200_000, 1500, 65_000, 700_000 })] // rows around and above the 64 KB chunk
    public void Gzip_body_is_the_rows_as_one_json_array_byte_for_byte(int[] sizes)
    {
        var records = Records(sizes);
        using var body = GzipJsonArray.Compress(records, CompressionLevel.Fastest, out var jsonLength, out var encoding);

        var expected = ExpectedJson(records);
        Assert.Equal("gzip", encoding);
        Assert.Equal(expected.Length, jsonLength);
        Assert.Equal(expected.Length, GzipJsonArray.JsonLength(records));
        Assert.Equal(expected, Gunzip(body.Memory));
    }

    [Fact]
    public void Without_compression_the_body_is_the_json_array_itself()
    {
        var records = Records(1100, 2900, 100_000);
        using var body = GzipJsonArray.Compress(records, CompressionLevel.NoCompression, out var jsonLength, out var encoding);

        Assert.Null(encoding);
        Assert.Equal(ExpectedJson(records), body.Memory.ToArray());
        Assert.Equal(body.Memory.Length, jsonLength);
    }

    [Fact]
    public void A_body_that_outgrows_its_first_buffer_keeps_every_byte_and_cannot_be_read_after_dispose()
    {
        var body = new PooledBody(256);
        var expected = new byte[300_000];
        new Random(7).NextBytes(expected);
        for (var offset = 0; offset < expected.Length; offset += 1000)
            body.Write(expected.AsSpan(offset, 1000));

        Assert.Equal(expected, body.Memory.ToArray());
        body.Dispose();
        Assert.Throws<ObjectDisposedException>(() => body.Memory);
    }
}
