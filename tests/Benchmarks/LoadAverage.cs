namespace SentinelAwsIac.Benchmarks;

/// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), to show how busy the machine was during a run.</summary>
public static class LoadAverage
{
    public static string Read()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }
}
