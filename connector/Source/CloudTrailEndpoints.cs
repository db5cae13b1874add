namespace SentinelAwsIac.Connector.Source;

/// <summary>CloudTrail endpoints (AWS General Reference, "AWS CloudTrail endpoints and quotas").</summary>
public static class CloudTrailEndpoints
{
    /// <summary>Target of LookupEvents (botocore cloudtrail/2013-11-01/service-2.json: targetPrefix + operation).</summary>
    public const string LookupEventsTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";

    /// <summary>AWS JSON 1.1 content type (botocore service-2.json metadata: jsonVersion 1.1).</summary>
    public const string JsonContentType = "application/x-amz-json-1.1";

    /// <summary>SigV4 signing name (service-2.json metadata: signingName).</summary>
    public const string SigningName = "cloudtrail";

    /// <summary><c>https://cloudtrail.&lt;region&gt;.amazonaws.com</c>; China regions (cn-*) use <c>.amazonaws.com.cn</c>.</summary>
    public static Uri ForRegion(string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://cloudtrail.{region}.{suffix}/");
    }
}
