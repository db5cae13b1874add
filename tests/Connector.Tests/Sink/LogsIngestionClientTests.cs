using System.IO.Compression;
using System.Text;
using Azure;
using Azure.Core;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogsIngestion;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class LogsIngestionClientTests
{
    private static readonly string Stream = SinkHarness.Stream;
    private const string Rule = LogsIngestionEmulatorOptions.DefaultRuleId;

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    private static byte[] Array(params byte[][] rows) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",", rows.Select(Encoding.UTF8.GetString)) + "]");

    [Fact]
    public async Task Gzip_body_round_trips_and_the_token_is_requested_for_the_documented_scope()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        var credential = new EmulatorTokenCredential(emulator.Tokens);
        var client = SinkHarness.CreateClient(emulator, credential);

        var response = await client.UploadAsync(Rule, Stream, RequestContent.Create(Gzip(Array(CloudTrailRows.Row(1), CloudTrailRows.Row(2)))), "gzip", CancellationToken.None);

        Assert.Equal(204, response.Status);
        Assert.Equal(new[] { "https://monitor.azure.com//.default" }, credential.RequestedScopes.Distinct());
        var rows = emulator.AcceptedRows(Stream);
        Assert.Equal(new[] { CloudTrailRows.EventId(1), CloudTrailRows.EventId(2) }, rows.Select(r => r.GetProperty("AwsEventId").GetString()));
        Assert.Equal(CloudTrailRows.TimeOf(2), rows[1].GetProperty("TimeGenerated").GetDateTimeOffset());
    }

    [Fact]
    public async Task Uncompressed_body_is_accepted_too()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        var client = SinkHarness.CreateClient(emulator, new EmulatorTokenCredential(emulator.Tokens));

        var response = await client.UploadAsync(Rule, Stream, RequestContent.Create(Array(CloudTrailRows.Row(7))), null, CancellationToken.None);

        Assert.Equal(204, response.Status);
        Assert.Equal(1, emulator.AcceptedRowCount(Stream));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_with_a_message_naming_rule_stream_and_status()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        var credential = new EmulatorTokenCredential(emulator.Tokens) { AudienceOverride = "https://management.azure.com" };
        var client = SinkHarness.CreateClient(emulator, credential);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UploadAsync(Rule, Stream, RequestContent.Create(Array(CloudTrailRows.Row(1))), null, CancellationToken.None));

        Assert.Equal(401, e.Status);
        Assert.Equal("InvalidAuthenticationToken", e.ErrorCode);
        Assert.Contains(Rule, e.Message);
        Assert.Contains(Stream, e.Message);
        Assert.Contains("401", e.Message);
        Assert.Contains("audience", e.Message);
        Assert.Equal(0, emulator.AcceptedRowCount(Stream));
    }

    [Fact]
    public async Task A_request_without_a_valid_token_is_refused()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        // Tokens from another emulator's issuer: well formed, right audience, wrong signature.
        var client = SinkHarness.CreateClient(emulator, new EmulatorTokenCredential(new EmulatorTokenIssuer()));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UploadAsync(Rule, Stream, RequestContent.Create(Array(CloudTrailRows.Row(1))), null, CancellationToken.None));

        Assert.Equal(401, e.Status);
        Assert.Contains("signature", e.Message);
        Assert.Equal(1, emulator.Counters.Status(401));
    }

    [Fact]
    public async Task Sovereign_audience_selects_its_scope()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync(new LogsIngestionEmulatorOptions { Audience = "https://monitor.azure.cn" });
        var credential = new EmulatorTokenCredential(emulator.Tokens);
        var client = SinkHarness.CreateClient(emulator, credential, new LogsIngestionClientOptions { Audience = LogsIngestionAudience.AzureChina });

        var response = await client.UploadAsync(Rule, Stream, RequestContent.Create(Array(CloudTrailRows.Row(1))), null, CancellationToken.None);

        Assert.Equal(204, response.Status);
        Assert.Equal(new[] { "https://monitor.azure.cn//.default" }, credential.RequestedScopes.Distinct());
    }

    [Fact]
    public async Task A_bad_row_is_a_400_naming_the_column()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        var client = SinkHarness.CreateClient(emulator, new EmulatorTokenCredential(emulator.Tokens));
        var bad = CloudTrailRows.Row(2, extra: w => w.WriteString("ReadOnly", "yes"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UploadAsync(Rule, Stream, RequestContent.Create(Gzip(Array(CloudTrailRows.Row(1), bad))), "gzip", CancellationToken.None));

        Assert.Equal(400, e.Status);
        Assert.Equal("InvalidContent", e.ErrorCode);
        Assert.Contains("'ReadOnly'", e.Message);
        Assert.Equal(0, emulator.AcceptedRowCount(Stream));
    }

    [Fact]
    public async Task Unknown_stream_is_a_404_with_the_fix()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        var client = SinkHarness.CreateClient(emulator, new EmulatorTokenCredential(emulator.Tokens));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UploadAsync(Rule, "Custom-Nope_CL", RequestContent.Create(Array(CloudTrailRows.Row(1))), null, CancellationToken.None));

        Assert.Equal(404, e.Status);
        Assert.Contains("Sink:StreamName", e.Message);
    }

    [Fact]
    public async Task Body_over_1_MB_is_a_413_ContentLengthLimitExceeded()
    {
        await using var emulator = await LogsIngestionEmulator.StartAsync();
        var client = SinkHarness.CreateClient(emulator, new EmulatorTokenCredential(emulator.Tokens));
        var rows = Enumerable.Range(0, 600).Select(i => CloudTrailRows.Row(i, 2000)).ToArray();
        var body = Array(rows);
        Assert.True(body.Length > IngestionLimits.MaxBodyBytes);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.UploadAsync(Rule, Stream, RequestContent.Create(Gzip(body)), "gzip", CancellationToken.None));

        Assert.Equal(413, e.Status);
        Assert.Equal("ContentLengthLimitExceeded", e.ErrorCode);
    }

    [Fact]
    public void Audience_must_be_https()
    {
        Assert.Throws<ArgumentException>(() => new LogsIngestionAudience("http://monitor.azure.com"));
        Assert.Equal("https://monitor.azure.us//.default", LogsIngestionAudience.AzureGovernment.Scope);
        Assert.Equal("https://monitor.azure.com//.default", new LogsIngestionAudience("https://monitor.azure.com/").Scope);
    }
}
