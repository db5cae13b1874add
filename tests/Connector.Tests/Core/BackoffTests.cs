using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Core;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Core;

public sealed class BackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500), Max = TimeSpan.FromSeconds(20);

    /// <summary>A random source that returns the given values in turn (NextDouble is what Backoff draws).</summary>
    private sealed class Fixed(params double[] values) : Random
    {
        private int _next;
        public override double NextDouble() => values[_next++ % values.Length];
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1_000)]
    [InlineData(2, 2_000)]
    [InlineData(5, 16_000)]
    [InlineData(6, 20_000)] // 32 s capped
    [InlineData(7, 20_000)]
    public void The_ceiling_doubles_from_the_first_to_the_cap(int attempt, int expectedMs)
    {
        var backoff = new Backoff(Initial, Max, TimeProvider.System, new Fixed(0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), backoff.Ceiling(attempt));
    }

    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void A_huge_attempt_number_gives_the_cap_without_overflow(int attempt)
    {
        var backoff = new Backoff(TimeSpan.FromDays(1), TimeSpan.MaxValue, TimeProvider.System, new Fixed(0.999_999));
        Assert.Equal(TimeSpan.MaxValue, backoff.Ceiling(attempt));
        Assert.InRange(backoff.Delay(attempt), TimeSpan.Zero, TimeSpan.MaxValue);
        Assert.Equal(Max, new Backoff(Initial, Max, TimeProvider.System, new Fixed(0)).Ceiling(attempt));
    }

    [Fact]
    public void Full_jitter_spans_zero_to_the_ceiling()
    {
        var backoff = new Backoff(Initial, Max, TimeProvider.System, new Fixed(0, 0.25, 0.999_999_999));
        Assert.Equal(TimeSpan.Zero, backoff.Delay(3));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Delay(3)); // 4 s × 0.25
        var top = backoff.Delay(3);
        Assert.True(top <= backoff.Ceiling(3) && top > TimeSpan.FromSeconds(3.99), top.ToString());
    }

    [Fact]
    public void With_a_real_random_source_every_wait_stays_within_its_bounds_and_they_differ()
    {
        var backoff = new Backoff(Initial, Max, TimeProvider.System, new Random(7));
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var waits = Enumerable.Range(0, 200).Select(_ => backoff.Delay(attempt)).ToList();
            Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, backoff.Ceiling(attempt)));
            Assert.True(waits.Distinct().Count() > 150, $"attempt {attempt}: the jitter should spread the waits");
            // Spread over the whole window, not bunched near the top: the lowest quarter holds some of them.
            Assert.Contains(waits, w => w < backoff.Ceiling(attempt) / 4);
        }
    }

    [Fact]
    public async Task The_wait_runs_on_the_given_clock()
    {
        var time = new FakeTimeProvider();
        var backoff = new Backoff(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), time, new Fixed(0.5));

        var wait = backoff.WaitAsync(0, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromMinutes(5), await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Bad_bounds_are_refused_naming_them()
    {
        Assert.Equal("initial", Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(TimeSpan.Zero, Max, TimeProvider.System, Random.Shared)).ParamName);
        Assert.Equal("max", Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(Max, Initial, TimeProvider.System, Random.Shared)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(Initial, Max, TimeProvider.System, Random.Shared).Ceiling(-1));
    }
}
