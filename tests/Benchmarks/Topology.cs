namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// The partitions of a run: P = accounts × regions, 16 regions per account, as one worker per customer would see a
/// multi-account organisation. Each account has its own reader role (with the external ID) in the emulated IAM,
/// and its own assumed-role session; the CloudTrail emulator enforces its quota per (account, region).
/// </summary>
public static class Topology
{
    public const string BrokerUserArn = "arn:aws:iam::444455556666:user/sentinel-benchmark-broker";
    public const string ReaderRoleName = "SentinelCloudTrailReader";

    /// <summary>Commercial regions that AWSSDK.Core knows (RegionEndpoint), so each signs with its own scope.</summary>
    public static readonly string[] Regions =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
        "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "sa-east-1",
    ];

    public const int MaxAccounts = 16;
    public const int MaxPartitions = MaxAccounts * 16;

    public static string Account(int index) => $"1111222200{index:D2}";

    public static string ReaderRoleArn(string account) => $"arn:aws:iam::{account}:role/{ReaderRoleName}";

    /// <summary>Partition p: account p / 16, region p % 16.</summary>
    public static IReadOnlyList<(string Account, string Region)> Partitions(int count) =>
        Enumerable.Range(0, count).Select(p => (Account(p / Regions.Length), Regions[p % Regions.Length])).ToList();
}
