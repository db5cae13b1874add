using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Sink;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class SinkStatusTrackerTests
{
    [Fact]
    public void Unhealthy_since_is_the_first_failure_after_the_last_success()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var status = new SinkStatusTracker(time);
        Assert.Equal(new SinkStatus(SinkState.Healthy, null, null), status.Current);

        var first = time.GetUtcNow();
        status.Failed(SinkState.Retrying, "HTTP 429");
        time.Advance(TimeSpan.FromMinutes(1));
        status.Failed(SinkState.Failing, "HTTP 403");
        Assert.Equal(new SinkStatus(SinkState.Failing, "HTTP 403", null, first), status.Current);

        time.Advance(TimeSpan.FromMinutes(1));
        status.Succeeded();
        Assert.Equal(new SinkStatus(SinkState.Healthy, null, time.GetUtcNow()), status.Current);

        time.Advance(TimeSpan.FromMinutes(1));
        status.Failed(SinkState.Retrying, "no answer");
        Assert.Equal(time.GetUtcNow(), status.Current.UnhealthySince);
        Assert.Equal(time.GetUtcNow() - TimeSpan.FromMinutes(1), status.Current.LastSuccessAt);
    }
}
