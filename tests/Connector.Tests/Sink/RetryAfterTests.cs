using SentinelAwsIac.Connector.Sink;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_and_http_dates_are_read()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse("7", Now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse("Sun, 01 Mar 2026 12:00:30 GMT", Now));
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Sun, 01 Mar 2026 11:59:00 GMT", Now));
        Assert.Null(RetryAfter.Parse("soon", Now));
        Assert.Null(RetryAfter.Parse("-3", Now));
    }
}
