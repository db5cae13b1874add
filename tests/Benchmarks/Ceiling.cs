using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Benchmarks;

/// <summary>The most a partition can read: LookupEvents allows 2 requests per second per account and region, 50 events
/// per page (CloudTrail quotas; API_LookupEvents MaxResults), so 100 events per second.</summary>
public static class Ceiling
{
    public const double EventsPerSecondPerPartition = CloudTrailLimits.RequestsPerSecond * CloudTrailLimits.MaxResults;
}
