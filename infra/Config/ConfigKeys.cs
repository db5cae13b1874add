namespace SentinelAwsIac.Infra.Config;

/// <summary>One config key of the stack, as documented in docs/stack/config.md.</summary>
/// <param name="Key">Key within the project namespace (or a provider key such as <c>aws:region</c>).</param>
/// <param name="Default">Default as shown to a person.</param>
/// <param name="Meaning">What it controls.</param>
/// <param name="Secret">Set it with <c>pulumi config set --secret</c>.</param>
public sealed record ConfigKey(string Key, string Default, string Meaning, bool Secret = false)
{
    /// <summary>The key as it appears in PULUMI_CONFIG and in Pulumi.&lt;stack&gt;.yaml.</summary>
    public string Qualified => Key.Contains(':', StringComparison.Ordinal) ? Key : ConfigKeys.Namespace + ":" + Key;
}

/// <summary>Every config key the stack reads. The single list behind validation and the config reference.</summary>
public static class ConfigKeys
{
    /// <summary>The project name in Pulumi.yaml, which is the namespace of the project's config keys.</summary>
    public const string Namespace = "sentinel-aws-iac";

    public const string Mode = "mode";
    public const string AwsRegions = "awsRegions";
    public const string ReaderPolicy = "readerPolicy";
    public const string ExternalId = "externalId";
    public const string ReaderRoleNamePrefix = "readerRoleNamePrefix";
    public const string MaxSessionDurationSeconds = "maxSessionDurationSeconds";
    public const string Broker = "broker";
    public const string BrokerPrincipalArn = "brokerPrincipalArn";
    public const string BrokerAccessKeyId = "brokerAccessKeyId";
    public const string BrokerSecretAccessKey = "brokerSecretAccessKey";
    public const string WorkspaceResourceId = "workspaceResourceId";
    public const string WorkspaceRetentionDays = "workspaceRetentionDays";
    public const string Sentinel = "sentinel";
    public const string TableName = "tableName";
    public const string TablePlan = "tablePlan";
    public const string TableRetentionDays = "tableRetentionDays";
    public const string Destination = "destination";
    public const string BackfillDays = "backfillDays";
    public const string AppServiceSku = "appServiceSku";
    public const string Tags = "tags";
    public const string AzureCloud = "azureCloud";
    public const string AwsPartition = "awsPartition";
    public const string AlertEmail = "alertEmail";
    public const string AlertSilenceMinutes = "alertSilenceMinutes";
    public const string AlertLagMinutes = "alertLagMinutes";
    public const string AlertFailingMinutes = "alertFailingMinutes";

    public const string AwsRegion = "aws:region";
    public const string AzureLocation = "azure-native:location";
    public const string AzureEnvironment = "azure-native:environment";

    // Alert thresholds: defaults and bounds (the rules look back 6 h, so a streak of failing rows can be followed
    // for at most half of it; see infra/Monitoring/HealthQueries.cs).
    public const int DefaultSilenceMinutes = 15;
    public const int DefaultLagMinutes = 60;
    public const int DefaultFailingMinutes = 15;

    public static readonly IReadOnlyList<ConfigKey> All =
    [
        new(AwsRegion, "(required by the aws provider)", "AWS region of the provider: where IAM calls go (IAM is global) and the default CloudTrail region."),
        new(AzureLocation, "(required by the azure-native provider)", "Azure region of the resource group and everything the stack creates in it."),
        new(AzureEnvironment, "public", "The azure-native provider's cloud: `public`, `usgovernment` or `china`. Must equal `azureCloud`; required when `azureCloud` is not `public` (otherwise the provider would deploy to the public cloud)."),
        new(Mode, "worker", "`worker`: our connector worker reads CloudTrail through a broker identity. `sentinel`: Microsoft Sentinel's own AWS CloudTrail connector reads it (trusts Microsoft's AWS account 197857026523; no worker, DCR or table)."),
        new(AwsRegions, "the `aws:region` value", "Comma-separated AWS regions the worker reads, e.g. `us-east-1,eu-west-1` (worker mode)."),
        new(ReaderPolicy, "leastPrivilege", "`leastPrivilege`: an inline policy allowing only `cloudtrail:LookupEvents` on `*`. `managed`: the AWS managed policy `AWSCloudTrail_ReadOnlyAccess` (the renamed `AWSCloudTrailReadOnlyAccess`)."),
        new(ExternalId, "a generated `random:RandomUuid`", "External ID the reader role's trust requires (2–1224 characters of `[\\w+=,.@:/-]`). Worker mode only; in sentinel mode it is the workspace ID.", Secret: true),
        new(ReaderRoleNamePrefix, "sentinel-cloudtrail-reader-", "Name prefix of the reader role (AWS adds a unique suffix; at most 38 characters of `[\\w+=,.@-]`)."),
        new(MaxSessionDurationSeconds, "3600", "Maximum session of the reader role, 3600–43200 seconds. Role chaining (the worker's broker → reader) caps sessions at 1 h anyway."),
        new(Broker, "webIdentity", "How the worker becomes an AWS principal that may assume the reader role. `webIdentity`: an IAM role federated to the worker's Azure managed identity (no secret anywhere). `accessKey`: an existing IAM principal and its access key, stored in Key Vault."),
        new(BrokerPrincipalArn, "(none)", "`accessKey` broker only: ARN of the existing IAM user or role the reader role trusts."),
        new(BrokerAccessKeyId, "(none)", "`accessKey` broker only: access key ID of that principal."),
        new(BrokerSecretAccessKey, "(none)", "`accessKey` broker only: its secret access key; stored in a Key Vault secret, the app setting is a Key Vault reference.", Secret: true),
        new(WorkspaceResourceId, "(create a workspace)", "Resource ID of an existing Log Analytics workspace to use; `pulumi destroy` never deletes it. Unset: the stack creates one."),
        new(WorkspaceRetentionDays, "90", "Retention of a workspace the stack creates, 30–730 days (Sentinel includes 90 days)."),
        new(Sentinel, "true", "Onboard Microsoft Sentinel on the workspace (`securityinsights:SentinelOnboardingState`). Required in sentinel mode. Set `false` if the existing workspace is onboarded already."),
        new(TableName, "AWSCloudTrail_CL", "Custom table the worker writes to (ends `_CL`); also names the DCR input stream `Custom-<tableName>`."),
        new(TablePlan, "Analytics", "Plan of the custom table: `Analytics`, `Basic` or `Auxiliary`."),
        new(TableRetentionDays, "(the workspace's)", "Retention of the custom table, 4–730 days."),
        new(Destination, "customTable", "`customTable`: rows go to the custom table. `builtInTable`: rows go to Sentinel's built-in `AWSCloudTrail` table (output stream `Microsoft-AWSCloudTrail`); no custom table is created."),
        new(BackfillDays, "7", "Days of CloudTrail history the worker reads on its first run, 0–90."),
        new(AppServiceSku, "B1", "App Service plan SKU of the worker (Basic or above: Always On needs it)."),
        new(AzureCloud, "public", "Azure cloud the stack deploys to: `public`, `usgovernment` (Azure Government) or `china` (Azure operated by 21Vianet). Picks the worker's Logs Ingestion audience (`https://monitor.azure.com`, `.us`, `.cn`) and the token issuer the broker's IAM OIDC provider trusts (`sts.windows.net`, or `sts.chinacloudapi.cn` in China). Set `azure-native:environment` to the same value. Sentinel mode needs `public`."),
        new(AwsPartition, "aws", "AWS partition of the account that is read: `aws`, `aws-us-gov` (GovCloud) or `aws-cn` (China). Picks the ARNs (`arn:<partition>:…`) and the endpoints (`amazonaws.com`, `amazonaws.com.cn`). `aws:region` and every region of `awsRegions` must be in it. Sentinel mode needs `aws`."),
        new(AlertEmail, "(no alerting)", "Email address of the operator. When set (worker mode), the stack creates an action group that emails it and three alert rules on the health table: no health rows, lag above the threshold, a partition failing. Unset: no action group, no alert rule."),
        new(AlertSilenceMinutes, "15", "Alert when the worker wrote no health row for this many minutes, 5–360 (needs `alertEmail`)."),
        new(AlertLagMinutes, "60", "Alert when a partition that is not parked lags behind CloudTrail by more than this many minutes, 5–10080 (needs `alertEmail`)."),
        new(AlertFailingMinutes, "15", "Alert when a partition has been in state `failing` for this many minutes, 5–180 (needs `alertEmail`)."),
        new(Tags, "(none)", "Tags for every AWS and Azure resource: a map, e.g. `pulumi config set --path 'tags.owner' secops`. Tags are written into the program as they are: never put a secret in one."),
    ];

    public static ConfigKey Get(string key) => All.First(k => k.Key == key);

    /// <summary>The fully qualified key, e.g. <c>sentinel-aws-iac:mode</c>.</summary>
    public static string Q(string key) => Get(key).Qualified;
}
