using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Program;

namespace SentinelAwsIac.Infra.Tests.Support;

/// <summary>Runs the compiler in-process on a config given as short keys (the project namespace is added).</summary>
internal static class Emit
{
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLESECRET";
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string PrincipalArn = "arn:aws:iam::123456789012:user/sentinel-broker";
    public const string WorkspaceId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/secops/providers/Microsoft.OperationalInsights/workspaces/sentinel-ws";

    public static readonly (string, string)[] AccessKeyBroker =
    [
        ("broker", "accessKey"), ("brokerPrincipalArn", PrincipalArn), ("brokerAccessKeyId", AccessKeyId), ("brokerSecretAccessKey", SecretKey),
    ];

    /// <summary>Configurations covering every structural choice, by name.</summary>
    public static readonly IReadOnlyDictionary<string, (string, string)[]> Modes = new Dictionary<string, (string, string)[]>
    {
        ["worker-default"] = [],
        ["worker-accessKey"] = AccessKeyBroker,
        ["worker-regions-externalId-managed"] = [("awsRegions", "us-east-1,eu-west-1"), ("externalId", "customer-42"), ("readerPolicy", "managed")],
        ["worker-existing-workspace"] = [("workspaceResourceId", WorkspaceId), ("tableRetentionDays", "180")],
        ["worker-builtInTable-no-sentinel"] = [("destination", "builtInTable"), ("sentinel", "false")],
        ["sentinel"] = [("mode", "sentinel")],
        ["sentinel-managed-existing"] = [("mode", "sentinel"), ("readerPolicy", "managed"), ("workspaceResourceId", WorkspaceId)],
        ["worker-alertEmail"] = [("alertEmail", "secops@example.com"), ("alertLagMinutes", "90")],
        ["worker-china-aws-cn-alertEmail"] = [("azureCloud", "china"), ("azure-native:environment", "china"), ("awsPartition", "aws-cn"), ("aws:region", "cn-north-1"), ("readerPolicy", "managed"), ("alertEmail", "secops@example.cn")],
        ["worker-usgovernment-aws-us-gov-accessKey"] = [("azureCloud", "usgovernment"), ("azure-native:environment", "usgovernment"), ("awsPartition", "aws-us-gov"), ("aws:region", "us-gov-west-1"), ("broker", "accessKey"), ("brokerPrincipalArn", "arn:aws-us-gov:iam::123456789012:user/sentinel-broker"), ("brokerAccessKeyId", AccessKeyId), ("brokerSecretAccessKey", SecretKey)],
        // Private-network mode: VNet integration, private endpoints, the package in an account of its own.
        ["worker-privateNetwork"] = [("privateNetwork", "true")],
        ["worker-privateNetwork-accessKey-usgovernment"] = [("azureCloud", "usgovernment"), ("azure-native:environment", "usgovernment"), ("awsPartition", "aws-us-gov"), ("aws:region", "us-gov-west-1"), ("broker", "accessKey"), ("brokerPrincipalArn", "arn:aws-us-gov:iam::123456789012:user/sentinel-broker"), ("brokerAccessKeyId", AccessKeyId), ("brokerSecretAccessKey", SecretKey), ("privateNetwork", "true")],
    };

    public static Dictionary<string, string?> Config(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key.Contains(':') ? e.Key : $"{ConfigKeys.Namespace}:{e.Key}", e => (string?)e.Value);

    public static PulumiProgram Build(params (string Key, string Value)[] entries) =>
        Compiler.Build(Config(entries), Repo.Root, publisher: null, CancellationToken.None).Program;

    public static ProgramView View(params (string Key, string Value)[] entries) => new(Build(entries).ToJson());
}
