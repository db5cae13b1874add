using System.Globalization;
using Azure;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>Reads Retry-After (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), which the Logs Ingestion API sends with 429 (docs/facts.md "Logs Ingestion: answers and what they mean").</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(Response response, DateTimeOffset now)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
            return null;
        return Parse(value, now);
    }

    public static TimeSpan? Parse(string value, DateTimeOffset now)
    {
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
