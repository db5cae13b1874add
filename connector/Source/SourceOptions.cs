using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Source;

/// <summary>How the worker gets the AWS identity that may assume the reader role.</summary>
public enum BrokerMode
{
    /// <summary>Entra ID token of the managed identity → sts:AssumeRoleWithWebIdentity on the broker role (secretless).</summary>
    WebIdentity,
    /// <summary>An IAM user's access key (kept in Key Vault) as the broker.</summary>
    AccessKey,
    /// <summary>The AWS SDK's default chain (environment, profile, instance role) as the broker.</summary>
    Default,
}

/// <summary>Broker settings (section Source:Broker, keys in <see cref="WorkerSettings"/>).</summary>
public sealed class BrokerOptions
{
    public BrokerMode Mode { get; set; } = BrokerMode.WebIdentity;
    public string? RoleArn { get; set; }
    /// <summary>Audience of the Entra ID token; the scope asked for is <c>&lt;Audience&gt;/.default</c>.</summary>
    public string? Audience { get; set; }
    public string? AccessKeyId { get; set; }
    public string? SecretAccessKey { get; set; }
}

/// <summary>Options of the CloudTrail source, bound from the "Source" section (<see cref="WorkerSettings"/>).</summary>
public sealed class SourceOptions
{
    public string ReaderRoleArn { get; set; } = "";
    public string ExternalId { get; set; } = "";
    /// <summary>Comma-separated regions, e.g. "us-east-1,eu-west-1".</summary>
    public string Regions { get; set; } = "";
    public BrokerOptions Broker { get; set; } = new();

    /// <summary>Days of history read on the first run, 0–90 (CloudTrail keeps 90 days of event history).</summary>
    public int BackfillDays { get; set; } = 1;

    /// <summary>LookupEvents calls per second per partition; AWS allows 2 per account per region (CloudTrail quotas).</summary>
    public double RequestsPerSecond { get; set; } = CloudTrailLimits.RequestsPerSecond;

    /// <summary>MaxResults of each call, 1–50 (API_LookupEvents).</summary>
    public int PageSize { get; set; } = CloudTrailLimits.MaxResults;

    /// <summary>
    /// Settle delay: the newest second read is now − SettleDelay. CloudTrail delivers within about 5 minutes on
    /// average and not in order (docs/facts.md#cloudtrail-endpoints-quotas-and-delivery; a poller we read used 120 s): 2 minutes keeps the
    /// latency low while most events are already visible at their first read.
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Overlap: every second is read once more when it is SettleDelay + Overlap old, so events that appear up
    /// to 12 minutes late (beyond the ~5 min average) are caught; EventId dedupe keeps them unique.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wait between polls once a partition has caught up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a partition whose region is disabled, or whose access is refused, waits before it tries again.</summary>
    public TimeSpan ParkRetryInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Span of one backfill chunk (chunks are read oldest first, each newest first).</summary>
    public TimeSpan ChunkSpan { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Interval of backfill progress lines.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Override of <c>https://cloudtrail.&lt;region&gt;.amazonaws.com</c> for every region (tests, private endpoints).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Override of the STS endpoint (tests, VPC endpoints).</summary>
    public Uri? StsEndpoint { get; set; }

    /// <summary>Region of the STS calls (regional endpoint); default: the first of <see cref="Regions"/>.</summary>
    public string? StsRegion { get; set; }

    /// <summary>Session length asked for the reader role; chained sessions are capped at 3600 s (IAM "Role chaining").</summary>
    public int SessionDurationSeconds { get; set; } = 3600;

    /// <summary>Refresh the sessions this long before they expire (AssumeRoleAWSCredentials uses 15 min).</summary>
    public TimeSpan CredentialRefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<string> RegionList =>
        Regions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
