using Azure.Core;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.Credentials;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source;

public sealed class CredentialsTests
{
    [Fact]
    public async Task Assume_role_with_the_right_external_id_gets_a_session_cloudtrail_accepts()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var credentials = aws.ReaderCredentials();
        var session = await credentials.GetCredentialsAsync();
        Assert.StartsWith("ASIA", session.AccessKey);
        Assert.True(session.UseToken);
        using var client = aws.Client("us-east-1", credentials);
        var page = await client.LookupEventsAsync(new LookupEventsRequest { MaxResults = 1 });
        Assert.Empty(page.Events);
    }

    [Theory]
    [InlineData("wrong-external-id")]
    [InlineData(null)]
    public async Task Assume_role_with_a_wrong_or_missing_external_id_is_access_denied(string? externalId)
    {
        await using var aws = await AwsEmulators.StartAsync();
        var options = aws.Options();
        options.ExternalId = externalId!;
        var ex = await Assert.ThrowsAsync<AwsCredentialsException>(() => ReaderCredentialsFactory.Create(options, null).GetCredentialsAsync());
        Assert.Contains("AccessDenied", ex.Message);
        Assert.Contains("Source:ExternalId", ex.Message);
    }

    [Fact]
    public async Task Web_identity_broker_chains_to_the_reader_role()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var token = new JwtCredential(() => aws.Sts.CreateWebIdentityToken(AwsEmulators.Issuer, AwsEmulators.Audience, AwsEmulators.Subject, TimeSpan.FromHours(1)));
        var options = aws.Options();
        options.Broker = new BrokerOptions { Mode = BrokerMode.WebIdentity, RoleArn = AwsEmulators.BrokerRoleArn, Audience = AwsEmulators.Audience };
        var credentials = ReaderCredentialsFactory.Create(options, token);
        using var client = aws.Client("us-east-1", credentials);
        await client.LookupEventsAsync(new LookupEventsRequest { MaxResults = 1 });
        Assert.Equal([AwsEmulators.Audience + "/.default"], token.Scopes);
        Assert.Equal(2, aws.Identities.SessionsIssued); // broker session, then the chained reader session
    }

    [Fact]
    public async Task Web_identity_token_of_another_subject_is_access_denied()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var token = new JwtCredential(() => aws.Sts.CreateWebIdentityToken(AwsEmulators.Issuer, AwsEmulators.Audience, "someone-else", TimeSpan.FromHours(1)));
        var options = aws.Options();
        options.Broker = new BrokerOptions { Mode = BrokerMode.WebIdentity, RoleArn = AwsEmulators.BrokerRoleArn, Audience = AwsEmulators.Audience };
        var ex = await Assert.ThrowsAsync<AwsCredentialsException>(() => ReaderCredentialsFactory.Create(options, token).GetCredentialsAsync());
        Assert.Contains("AccessDenied", ex.Message);
    }

    [Fact]
    public async Task Web_identity_token_for_another_audience_is_an_invalid_identity_token()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var token = new JwtCredential(() => aws.Sts.CreateWebIdentityToken(AwsEmulators.Issuer, "api://other", AwsEmulators.Subject, TimeSpan.FromHours(1)));
        var options = aws.Options();
        options.Broker = new BrokerOptions { Mode = BrokerMode.WebIdentity, RoleArn = AwsEmulators.BrokerRoleArn, Audience = AwsEmulators.Audience };
        var ex = await Assert.ThrowsAsync<AwsCredentialsException>(() => ReaderCredentialsFactory.Create(options, token).GetCredentialsAsync());
        Assert.Contains("InvalidIdentityToken", ex.Message);
    }

    [Fact]
    public async Task Chained_session_longer_than_an_hour_is_a_validation_error()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var token = new JwtCredential(() => aws.Sts.CreateWebIdentityToken(AwsEmulators.Issuer, AwsEmulators.Audience, AwsEmulators.Subject, TimeSpan.FromHours(1)));
        var broker = new WebIdentityCredentials(token, AwsEmulators.Audience, AwsEmulators.BrokerRoleArn, "test",
            new StsClientFactory("us-east-1", aws.Sts.BaseAddress).Create(new Amazon.Runtime.AnonymousAWSCredentials()));
        var reader = new StsAssumeRoleCredentials(new StsClientFactory("us-east-1", aws.Sts.BaseAddress).Create(broker),
            AwsEmulators.ReaderRoleArn, aws.ExternalId, "test", durationSeconds: 7200);
        var ex = await Assert.ThrowsAsync<AwsCredentialsException>(() => reader.GetCredentialsAsync());
        Assert.Contains("ValidationError", ex.Message);
    }

    [Fact]
    public async Task Session_is_refreshed_before_it_expires()
    {
        await using var aws = await AwsEmulators.StartAsync();
        aws.Identities.SessionLifetimeOverride = TimeSpan.FromMinutes(20);
        var options = aws.Options();
        options.CredentialRefreshBeforeExpiry = TimeSpan.FromMinutes(19.99);
        var credentials = ReaderCredentialsFactory.Create(options, null);
        var first = await credentials.GetCredentialsAsync();
        await WaitFor.ConditionAsync(async () => (await credentials.GetCredentialsAsync()).AccessKey != first.AccessKey);
        using var client = aws.Client("us-east-1", credentials);
        await client.LookupEventsAsync(new LookupEventsRequest { MaxResults = 1 });
    }

    private sealed class JwtCredential(Func<string> mint) : TokenCredential
    {
        public List<string> Scopes { get; } = [];
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) { Scopes.Clear(); Scopes.AddRange(requestContext.Scopes); }
            return new AccessToken(mint(), DateTimeOffset.UtcNow.AddHours(1));
        }
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

internal static class WaitFor
{
    /// <summary>Polls until the condition holds; generous limit for a loaded machine.</summary>
    public static async Task ConditionAsync(Func<Task<bool>> condition, int seconds = 60, string? what = null)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Condition not met within {seconds} s: {what}");
            await Task.Delay(100);
        }
    }

    public static Task ConditionAsync(Func<bool> condition, int seconds = 60, string? what = null) =>
        ConditionAsync(() => Task.FromResult(condition()), seconds, what);
}
