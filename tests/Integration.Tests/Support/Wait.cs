namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>Waits for conditions with generous deadlines (a loaded 2-core machine); never sleeps a fixed time to assert.</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {seconds} s waiting for: {what}");
            await Task.Delay(50);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {seconds} s waiting for: {what}");
            await Task.Delay(100);
        }
    }
}
