using System.Globalization;

namespace SentinelAwsIac.Connector.Core;

/// <summary>Durations as an operator reads them in a log line: <c>45 s</c>, <c>1 min 20 s</c>, <c>2 h 5 min</c>,
/// <c>3 d 4 h</c>; the two largest units, whole numbers, rounded down; below a second <c>0 s</c>.</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) return "-" + Format(duration == TimeSpan.MinValue ? TimeSpan.MaxValue : duration.Negate());
        var c = CultureInfo.InvariantCulture;
        if (duration.TotalSeconds < 60) return string.Create(c, $"{(int)duration.TotalSeconds} s");
        if (duration.TotalMinutes < 60) return Two(c, (long)duration.TotalMinutes, "min", duration.Seconds, "s");
        if (duration.TotalHours < 24) return Two(c, (long)duration.TotalHours, "h", duration.Minutes, "min");
        return Two(c, (long)duration.TotalDays, "d", duration.Hours, "h");
    }

    private static string Two(CultureInfo c, long major, string majorUnit, int minor, string minorUnit) =>
        minor == 0 ? string.Create(c, $"{major} {majorUnit}") : string.Create(c, $"{major} {majorUnit} {minor} {minorUnit}");
}
