using SentinelAwsIac.Connector.Core;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Core;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(0.4, "0 s")]
    [InlineData(45.9, "45 s")]
    [InlineData(60, "1 min")]
    [InlineData(79.5652960, "1 min 19 s")]
    [InlineData(80, "1 min 20 s")]
    [InlineData(3599, "59 min 59 s")]
    [InlineData(3600, "1 h")]
    [InlineData(7500, "2 h 5 min")]
    [InlineData(86400, "1 d")]
    [InlineData(86400 * 3 + 3600 * 4 + 59, "3 d 4 h")]
    [InlineData(-80, "-1 min 20 s")]
    public void A_duration_reads_at_a_glance(double seconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_extremes_do_not_throw()
    {
        Assert.StartsWith("10675199 d", DurationText.Format(TimeSpan.MaxValue));
        Assert.StartsWith("-10675199 d", DurationText.Format(TimeSpan.MinValue));
    }
}
