namespace SentinelAwsIac.Contracts;

/// <summary>Identifiers fixed by Microsoft or AWS, each with its source.</summary>
public static class WellKnownIds
{
    /// <summary>Built-in Azure role "Monitoring Metrics Publisher": needed to send to a DCR
    /// (Azure built-in roles reference; Logs Ingestion API tutorial).</summary>
    public const string MonitoringMetricsPublisherRoleId = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>Built-in Azure role "Storage Blob Data Contributor" (Azure built-in roles reference):
    /// the worker reads and writes its checkpoint blobs.</summary>
    public const string StorageBlobDataContributorRoleId = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    /// <summary>Built-in Azure role "Storage Blob Data Reader" (Azure built-in roles reference): App Service
    /// downloads the worker package with the identity (App Service "Run from package").</summary>
    public const string StorageBlobDataReaderRoleId = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";

    /// <summary>AWS account that Microsoft Sentinel's legacy CloudTrail connector assumes roles from
    /// (Microsoft Sentinel "Connect AWS CloudTrail" how-to; Azure public cloud).</summary>
    public const string SentinelAwsAccountId = "197857026523";

    /// <summary>Current name of the AWS managed read-only CloudTrail policy; the Sentinel docs still name its
    /// old name AWSCloudTrailReadOnlyAccess (CloudTrail user guide, AWS managed policies, change of June 2022).</summary>
    public const string CloudTrailReadOnlyPolicyName = "AWSCloudTrail_ReadOnlyAccess";
}
