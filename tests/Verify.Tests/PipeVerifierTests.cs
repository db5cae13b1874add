using Amazon.Runtime;
using Xunit;

namespace SentinelAwsIac.Verify.Tests;

/// <summary>The verification after deploy, against the STS emulator and the Log Analytics query emulator: it causes the
/// probe's AssumeRole, finds its row by the nonce and prints the delay; when the row does not come, it says why.</summary>
public sealed class PipeVerifierTests
{
    private const string Nonce = "0123456789abcdef";
    private const string SessionName = CloudTrailProbe.SessionNamePrefix + Nonce;

    [Fact]
    public async Task Passes_with_the_delay_when_the_probes_row_arrives()
    {
        await using var harness = await VerifyHarness.StartAsync();
        var pipe = harness.DeliverAsync(SessionName, TimeSpan.FromMilliseconds(700));
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);
        await pipe;

        Assert.True(outcome.Passed, outcome.Message + "\n" + harness.Log);
        Assert.NotNull(outcome.Delay);
        Assert.InRange(outcome.Delay!.Value, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(15));
        Assert.Contains("row arrived", outcome.Message);
        // The reader role trusts only the broker: the operator's call is denied, and counted as made.
        Assert.Contains("AccessDenied", harness.Log.ToString());
        Assert.Contains($"where RequestParameters has \"{Nonce}\"", harness.Logs.Queries[0]);
    }

    [Fact]
    public async Task A_granted_assume_role_is_a_probe_too()
    {
        await using var harness = await VerifyHarness.StartAsync(trustOperator: true);
        var pipe = harness.DeliverAsync(SessionName, TimeSpan.FromMilliseconds(100));
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);
        await pipe;

        Assert.True(outcome.Passed, outcome.Message + "\n" + harness.Log);
        Assert.Contains("granted", harness.Log.ToString());
    }

    [Fact]
    public async Task Another_sessions_row_does_not_count_and_the_timeout_says_the_row_is_late()
    {
        await using var harness = await VerifyHarness.StartAsync();
        var pipe = harness.DeliverAsync(CloudTrailProbe.SessionNamePrefix + "ffffffffffffffff", TimeSpan.Zero);
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(timeoutSeconds: 2), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);
        await pipe;

        Assert.False(outcome.Passed);
        Assert.StartsWith("row not arrived within", outcome.Message);
        Assert.Contains("111122223333/us-east-1 running", outcome.Message);
    }

    [Fact]
    public async Task No_health_rows_is_named_as_the_reason()
    {
        await using var harness = await VerifyHarness.StartAsync();
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(timeoutSeconds: 1), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);

        Assert.False(outcome.Passed);
        Assert.StartsWith("no health rows", outcome.Message);
        Assert.Contains("AWSCloudTrailConnectorHealth_CL", outcome.Message);
    }

    [Fact]
    public async Task A_failing_partition_is_named_with_its_last_error()
    {
        await using var harness = await VerifyHarness.StartAsync();
        // An older running row of the same partition must not hide its newest state.
        harness.Health.Add(VerifyHarness.HealthRow("us-east-1", "running", null, DateTimeOffset.UtcNow.AddMinutes(-5)));
        var pipe = harness.DeliverAsync(SessionName, TimeSpan.Zero, state: "failing", lastError: "AccessDenied: not authorized to perform sts:AssumeRole", deliverRow: false);
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(timeoutSeconds: 2), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);
        await pipe;

        Assert.False(outcome.Passed);
        Assert.StartsWith("partition failing: 111122223333/us-east-1 is failing: AccessDenied: not authorized to perform sts:AssumeRole", outcome.Message);
        Assert.DoesNotContain("eu-west-1", outcome.Message);
    }

    [Fact]
    public async Task A_token_for_another_audience_fails_with_the_query_error()
    {
        await using var harness = await VerifyHarness.StartAsync();
        harness.Credential.AudienceOverride = "https://management.azure.com";
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(timeoutSeconds: 5), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);

        Assert.False(outcome.Passed);
        Assert.Contains("401", outcome.Message);
        Assert.Contains("InvalidTokenError", outcome.Message);
        Assert.Empty(harness.Logs.Queries);
    }

    [Fact]
    public async Task Credentials_STS_does_not_know_fail_before_any_query()
    {
        await using var harness = await VerifyHarness.StartAsync();
        var outcome = await harness.Verifier(new BasicAWSCredentials("AKIAUNKNOWN000000000", "not-a-secret")).RunAsync(VerifyHarness.Target(timeoutSeconds: 5), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);

        Assert.False(outcome.Passed);
        Assert.Contains("before STS decided on the role", outcome.Message);
        Assert.Contains("InvalidClientTokenId", outcome.Message);
        Assert.Empty(harness.Logs.Queries);
    }

    [Fact]
    public async Task The_external_id_never_reaches_the_log()
    {
        await using var harness = await VerifyHarness.StartAsync(trustOperator: true);
        var pipe = harness.DeliverAsync(SessionName, TimeSpan.Zero);
        var outcome = await harness.Verifier().RunAsync(VerifyHarness.Target(), VerifyHarness.ReaderRoleArn, VerifyHarness.ExternalId, Nonce, CancellationToken.None);
        await pipe;

        Assert.True(outcome.Passed, outcome.Message);
        Assert.DoesNotContain(VerifyHarness.ExternalId, harness.Log.ToString() + outcome.Message);
    }
}
