using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SentinelAwsIac.Connector.Source.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

public sealed class CloudTrailRecordReaderTests
{
    private static string Record(int i, int padding = 0) =>
        $$"""{"eventVersion":"1.11","eventID":"id-{{i}}","eventTime":"2026-12-07T10:00:{{i % 60:00}}Z","requestParameters":{"n":[{{i}},"{{new string('x', padding)}}"],"s":"a \"quoted\" }] text"},"eventName":"Get{{i}}"}""";

    private static async Task<List<string>> ReadAll(Stream stream, int buffer = 64 * 1024, int max = CloudTrailRecordReader.DefaultMaxRecordBytes)
    {
        var list = new List<string>();
        await foreach (var r in new CloudTrailRecordReader(stream, buffer, max).ReadAsync())
            list.Add(Encoding.UTF8.GetString(r));
        return list;
    }

    private static MemoryStream Text(string s) => new(Encoding.UTF8.GetBytes(s));

    [Theory]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(1024)]
    [InlineData(65536)]
    public async Task Every_record_comes_out_whole_and_in_order_whatever_the_buffer(int buffer)
    {
        var records = Enumerable.Range(0, 300).Select(i => Record(i, i % 7 == 0 ? 3000 : 0)).ToList();
        var file = $$"""{ "before": {"x":[1,2,{"y":"Records"}]}, "Records" : [ {{string.Join(" ,\n", records)}} ], "after": "z" }""";
        var read = await ReadAll(Text(file), buffer);
        Assert.Equal(records, read);
        Assert.All(read, r => JsonDocument.Parse(r).Dispose());
    }

    [Fact]
    public async Task A_multi_member_gzip_file_reads_as_one_stream()
    {
        var records = Enumerable.Range(0, 50).Select(i => Record(i)).ToList();
        var file = Encoding.UTF8.GetBytes($$"""{"Records":[{{string.Join(",", records)}}]}""");
        var compressed = new MemoryStream();
        foreach (var part in new[] { file[..100], file[100..2000], file[2000..] })
        {
            using var member = new MemoryStream();
            using (var gzip = new GZipStream(member, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(part);
            compressed.Write(member.ToArray());
        }

        compressed.Position = 0;
        using var unzip = new GZipStream(compressed, CompressionMode.Decompress);
        Assert.Equal(records, await ReadAll(unzip, 512));
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"Records":[]}""")]
    [InlineData("""{"Other":1}""")]
    public async Task An_empty_file_or_empty_records_yield_nothing(string file) => Assert.Empty(await ReadAll(Text(file)));

    [Fact]
    public async Task An_empty_gzip_file_yields_nothing()
    {
        var compressed = new MemoryStream();
        using (new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) { }
        compressed.Position = 0;
        Assert.Empty(await ReadAll(new GZipStream(compressed, CompressionMode.Decompress)));
    }

    [Theory]
    [InlineData("""{"Records":[{"eventID":"a"},{"eventID":""", "truncated")]
    [InlineData("""not json at all""", "not valid JSON")]
    [InlineData("""[{"eventID":"a"}]""", "not an object")]
    [InlineData("""{"Records":{"eventID":"a"}}""", "not an array")]
    [InlineData("""{"Records":[{"eventID":"a"},42]}""", "not an object")]
    public async Task A_file_that_is_not_a_log_file_fails_with_the_reason(string file, string reason)
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(Text(file), 16));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_larger_than_the_limit_is_refused_naming_the_limit()
    {
        var file = $$"""{"Records":[{{Record(1, 5000)}}]}""";
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAll(Text(file), 256, 4096));
        Assert.Contains("4096 bytes", e.Message, StringComparison.Ordinal);
        Assert.Single(await ReadAll(Text(file), 256, 8192));
    }

    [Fact]
    public async Task The_records_already_read_are_kept_when_a_later_part_fails()
    {
        var read = new List<string>();
        var reader = new CloudTrailRecordReader(Text($$"""{"Records":[{{Record(1)}},{{Record(2)}},{"broken":}]}"""), 32);
        await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var r in reader.ReadAsync()) read.Add(Encoding.UTF8.GetString(r));
        });
        Assert.Equal([Record(1), Record(2)], read);
    }
}
