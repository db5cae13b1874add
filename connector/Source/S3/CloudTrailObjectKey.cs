using System.Text.RegularExpressions;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>What an object of a CloudTrail bucket holds, told by its key.</summary>
public enum CloudTrailObjectKind
{
    /// <summary>A log file: gzip'd JSON with a <c>Records</c> array.</summary>
    LogFile,

    /// <summary>A digest file of log file validation: no events.</summary>
    Digest,

    /// <summary>Anything else in the bucket (Insights, other services' logs, a stray upload).</summary>
    Other,
}

/// <summary>
/// The key of an object in a CloudTrail bucket, classified (docs/facts.md "S3 through SQS"): log files are
/// <c>[prefix/]AWSLogs/[o-orgid/]&lt;account&gt;/CloudTrail/&lt;region&gt;/YYYY/MM/DD/&lt;name&gt;.json.gz</c>, digests sit
/// under <c>CloudTrail-Digest/</c>. The account and region of a log file are its partition.
/// </summary>
public readonly partial record struct CloudTrailObjectKey(CloudTrailObjectKind Kind, string? AccountId, string? Region, string? OrganizationId)
{
    public static CloudTrailObjectKey Classify(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (LogFilePattern().Match(key) is { Success: true } m)
        {
            return new(CloudTrailObjectKind.LogFile, m.Groups["account"].Value, m.Groups["region"].Value,
                m.Groups["org"].Success ? m.Groups["org"].Value : null);
        }

        return DigestPattern().IsMatch(key)
            ? new(CloudTrailObjectKind.Digest, null, null, null)
            : new(CloudTrailObjectKind.Other, null, null, null);
    }

    // Organization IDs are o- and 10 to 32 lowercase letters or digits; account IDs 12 digits (docs/facts.md).
    [GeneratedRegex(@"(?:^|/)AWSLogs/(?:(?<org>o-[a-z0-9]{10,32})/)?(?<account>\d{12})/CloudTrail/(?<region>[a-z]{2}(?:-[a-z]+)+-\d+)/\d{4}/\d{2}/\d{2}/[^/]+\.json\.gz$", RegexOptions.CultureInvariant)]
    private static partial Regex LogFilePattern();

    [GeneratedRegex(@"(?:^|/)AWSLogs/(?:o-[a-z0-9]{10,32}/)?\d{12}/CloudTrail-Digest/", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}
