using Azure;
using Azure.Identity;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Emulators.LogsIngestion;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class IngestionOutcomesTests
{
    [Theory]
    [InlineData(204, 10, IngestionOutcomeKind.Delivered)]
    [InlineData(400, 10, IngestionOutcomeKind.Split)]
    [InlineData(413, 2, IngestionOutcomeKind.Split)]
    [InlineData(400, 1, IngestionOutcomeKind.Rejected)]
    [InlineData(413, 1, IngestionOutcomeKind.Rejected)]
    [InlineData(429, 10, IngestionOutcomeKind.Throttled)]
    [InlineData(408, 10, IngestionOutcomeKind.Throttled)]
    [InlineData(500, 10, IngestionOutcomeKind.Throttled)]
    [InlineData(503, 1, IngestionOutcomeKind.Throttled)]
    [InlineData(401, 10, IngestionOutcomeKind.Refused)]
    [InlineData(403, 10, IngestionOutcomeKind.Refused)]
    [InlineData(404, 10, IngestionOutcomeKind.Refused)]
    [InlineData(409, 10, IngestionOutcomeKind.Refused)]
    [InlineData(200, 10, IngestionOutcomeKind.Refused)] // anything but 204 is no delivery
    public void Each_status_has_one_outcome(int status, int rows, IngestionOutcomeKind expected) =>
        Assert.Equal(expected, IngestionOutcomes.Classify(status, rows));

    public static TheoryData<Exception, IngestionOutcomeKind?> Exceptions => new()
    {
        { new AuthenticationFailedException("no managed identity"), IngestionOutcomeKind.NoToken },
        { new RequestFailedException("Connection reset by peer"), IngestionOutcomeKind.NoAnswer },
        { new HttpRequestException("refused"), IngestionOutcomeKind.NoAnswer },
        { new IOException("broken pipe"), IngestionOutcomeKind.NoAnswer },
        { new TaskCanceledException("timed out"), IngestionOutcomeKind.NoAnswer },
        { new InvalidOperationException("a defect"), null },
        { new ArgumentException("another defect"), null },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Exceptions_are_no_token_no_answer_or_a_defect(Exception exception, IngestionOutcomeKind? expected) =>
        Assert.Equal(expected, IngestionOutcomes.Classify(exception));

    [Theory]
    [InlineData(IngestionOutcomeKind.Throttled, true, true, SinkState.Retrying)]
    [InlineData(IngestionOutcomeKind.NoAnswer, true, false, SinkState.Retrying)]
    [InlineData(IngestionOutcomeKind.Refused, true, false, SinkState.Failing)]
    [InlineData(IngestionOutcomeKind.NoToken, true, false, SinkState.Failing)]
    [InlineData(IngestionOutcomeKind.Delivered, false, false, null)]
    [InlineData(IngestionOutcomeKind.Split, false, false, null)]
    [InlineData(IngestionOutcomeKind.Rejected, false, false, null)]
    public void Retried_outcomes_say_how_long_to_wait_and_what_the_sink_reports(IngestionOutcomeKind kind, bool retried, bool honoursRetryAfter, SinkState? state)
    {
        Assert.Equal(retried, IngestionOutcomes.IsRetried(kind));
        Assert.Equal(honoursRetryAfter, IngestionOutcomes.HonoursRetryAfter(kind));
        if (state is { } s) Assert.Equal(s, IngestionOutcomes.StateWhileRetrying(kind));
    }

    [Theory]
    [InlineData(401, "Sink:Audience")]
    [InlineData(403, "Monitoring Metrics Publisher")]
    [InlineData(404, "Sink:RuleId")]
    [InlineData(413, "1 MB")]
    public void Refusals_name_their_fix(int status, string part)
    {
        Assert.StartsWith(" ", IngestionOutcomes.FixHint(status));
        Assert.Contains(part, IngestionOutcomes.FixHint(status));
        Assert.Equal(IngestionOutcomes.FixHint(status), new IngestionError(status, null, null).Fix);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    public void Throttling_and_server_errors_have_no_fix(int status) => Assert.Equal("", IngestionOutcomes.FixHint(status));

    [Theory]
    [InlineData(403)]
    [InlineData(404)]
    public async Task The_clients_exception_carries_the_same_fix_as_the_table(int status)
    {
        await using var h = await SinkHarness.StartAsync();
        h.Emulator.InjectFaults(1, new InjectedFault(status));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => h.Client.UploadAsync(LogsIngestionEmulatorOptions.DefaultRuleId, SinkHarness.Stream,
            Azure.Core.RequestContent.Create(System.Text.Encoding.UTF8.GetBytes("[]")), null, CancellationToken.None));

        Assert.Equal(status, e.Status);
        Assert.EndsWith(IngestionOutcomes.FixHint(status), e.Message);
    }
}
