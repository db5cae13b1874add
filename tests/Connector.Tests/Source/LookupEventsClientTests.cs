using System.Net;
using Amazon.Runtime;
using SentinelAwsIac.Connector.Source;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source;

public sealed class LookupEventsClientTests
{
    [Fact]
    public async Task Pages_newest_first_through_signed_requests_with_assumed_role()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var seeded = aws.CloudTrail.Seed(aws.Generator, AwsEmulators.Account, "eu-west-1", 120, now.AddHours(-2), now.AddHours(-1));
        using var client = aws.Client("eu-west-1", aws.ReaderCredentials());

        var read = new List<CloudTrailEvent>();
        var request = new LookupEventsRequest { StartTime = now.AddHours(-3), EndTime = now, MaxResults = 50 };
        var pages = 0;
        while (true)
        {
            var response = await RetryThrottledAsync(() => client.LookupEventsAsync(request));
            pages++;
            Assert.True(response.Events.Count <= 50);
            read.AddRange(response.Events);
            if (response.NextToken is null) break;
            request.NextToken = response.NextToken;
        }
        Assert.Equal(3, pages);
        Assert.Equal(seeded.Select(e => e.EventId).OrderBy(x => x), read.Select(e => e.EventId).OrderBy(x => x));
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.EventTime >= p.Second.EventTime), "events must come newest first");
        Assert.All(read, e => Assert.Contains("\"eventID\"", e.CloudTrailEventJson));
        Assert.InRange(read.Average(e => e.CloudTrailEventJson.Length), 1000, 3072);
    }

    [Fact]
    public async Task Wrong_secret_is_an_invalid_signature_and_unknown_key_is_unrecognized()
    {
        await using var aws = await AwsEmulators.StartAsync();
        using var wrongSecret = aws.Client("us-east-1", new BasicAWSCredentials(aws.BrokerKey.AccessKeyId, "not-the-secret"));
        var ex = await Assert.ThrowsAsync<CloudTrailServiceException>(() => wrongSecret.LookupEventsAsync(new LookupEventsRequest()));
        Assert.Equal("InvalidSignatureException", ex.ErrorType);
        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.NotNull(ex.RequestId);

        using var unknown = aws.Client("us-east-1", new BasicAWSCredentials("AKIAUNKNOWN000000000", "x"));
        ex = await Assert.ThrowsAsync<CloudTrailServiceException>(() => unknown.LookupEventsAsync(new LookupEventsRequest()));
        Assert.Equal("UnrecognizedClientException", ex.ErrorType);
        Assert.True(ex.MayBeDisabledRegion);
    }

    [Fact]
    public async Task Unsigned_request_is_refused()
    {
        await using var aws = await AwsEmulators.StartAsync();
        using var http = new HttpClient();
        using var content = new StringContent("{}", null, "application/x-amz-json-1.1");
        using var message = new HttpRequestMessage(HttpMethod.Post, aws.CloudTrail.BaseAddress) { Content = content };
        message.Headers.Add("X-Amz-Target", CloudTrailEndpoints.LookupEventsTarget);
        using var response = await http.SendAsync(message);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("MissingAuthenticationTokenException", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expired_session_is_refused_with_ExpiredTokenException()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var credentials = aws.ReaderCredentials();
        var session = await credentials.GetCredentialsAsync();
        aws.Identities.ExpireAllSessions();
        using var client = aws.Client("us-east-1", new SessionAWSCredentials(session.AccessKey, session.SecretKey, session.Token));
        var ex = await Assert.ThrowsAsync<CloudTrailServiceException>(() => client.LookupEventsAsync(new LookupEventsRequest()));
        Assert.Equal("ExpiredTokenException", ex.ErrorType);
    }

    [Fact]
    public async Task Bursts_above_two_per_second_are_throttled_with_http_400()
    {
        await using var aws = await AwsEmulators.StartAsync();
        using var client = aws.Client("us-west-2", aws.ReaderCredentials());
        var errors = new List<CloudTrailServiceException>();
        for (var i = 0; i < 8; i++)
        {
            try { await client.LookupEventsAsync(new LookupEventsRequest { MaxResults = 1 }); }
            catch (CloudTrailServiceException ex) { errors.Add(ex); }
        }
        Assert.NotEmpty(errors);
        Assert.All(errors, e => { Assert.True(e.IsThrottling); Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode); });
        Assert.Equal(errors.Count, aws.CloudTrail.ThrottlesOf(AwsEmulators.Account, "us-west-2"));
    }

    [Fact]
    public async Task Time_range_page_size_and_next_token_are_checked()
    {
        await using var aws = await AwsEmulators.StartAsync();
        var now = DateTimeOffset.UtcNow;
        aws.CloudTrail.Seed(aws.Generator, AwsEmulators.Account, "us-east-1", 10, now.AddMinutes(-30), now.AddMinutes(-20));
        using var client = aws.Client("us-east-1", aws.ReaderCredentials());

        var ex = await Assert.ThrowsAsync<CloudTrailServiceException>(() => RetryThrottledAsync(() =>
            client.LookupEventsAsync(new LookupEventsRequest { StartTime = now, EndTime = now.AddHours(-1) })));
        Assert.Equal("InvalidTimeRangeException", ex.ErrorType);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.LookupEventsAsync(new LookupEventsRequest { MaxResults = 51 }));

        var first = await RetryThrottledAsync(() => client.LookupEventsAsync(new LookupEventsRequest { StartTime = now.AddHours(-1), EndTime = now, MaxResults = 3 }));
        Assert.Equal(3, first.Events.Count);
        Assert.NotNull(first.NextToken);
        ex = await Assert.ThrowsAsync<CloudTrailServiceException>(() => RetryThrottledAsync(() =>
            client.LookupEventsAsync(new LookupEventsRequest { StartTime = now.AddHours(-2), EndTime = now, MaxResults = 3, NextToken = first.NextToken })));
        Assert.Equal("InvalidNextTokenException", ex.ErrorType);
    }

    [Fact]
    public async Task Disabled_region_answers_like_aws()
    {
        await using var aws = await AwsEmulators.StartAsync();
        aws.CloudTrail.DisableRegion(AwsEmulators.Account, "ap-east-1");
        using var client = aws.Client("ap-east-1", aws.ReaderCredentials());
        var ex = await Assert.ThrowsAsync<CloudTrailServiceException>(() => client.LookupEventsAsync(new LookupEventsRequest()));
        Assert.Equal("UnrecognizedClientException", ex.ErrorType);
        Assert.True(ex.MayBeDisabledRegion);
    }

    internal static async Task<T> RetryThrottledAsync<T>(Func<Task<T>> call)
    {
        for (var i = 0; ; i++)
        {
            try { return await call(); }
            catch (CloudTrailServiceException ex) when (ex.IsThrottling && i < 20) { await Task.Delay(600); }
        }
    }
}
