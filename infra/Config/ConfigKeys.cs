using System.Text.RegularExpressions;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Infra.Config;

/// <summary>Every config key the stack reads, each defined once (type, default, accepted values, meaning): the single
/// list behind validation, the program's literals and the config reference (docs/stack/config.md).</summary>
public static partial class ConfigKeys
{
    /// <summary>The project name in Pulumi.yaml, which is the namespace of the project's config keys.</summary>
    public const string Namespace = "sentinel-aws-iac";

    public static readonly TextKey AwsRegion = new("aws:region", "AWS region of the provider: where IAM calls go (IAM is global) and the default CloudTrail region.")
    {
        DefaultDescription = "(required by the aws provider)",
        Expected = "an AWS region name",
    };

    public static readonly TextKey AzureLocation = new("azure-native:location", "Azure region of the resource group and everything the stack creates in it.")
    {
        DefaultDescription = "(required by the azure-native provider)",
        Expected = "an Azure region name",
    };

    public static readonly TextKey AzureEnvironment = new("azure-native:environment", "The azure-native provider's cloud: `public`, `usgovernment` or `china`. Must equal `azureCloud`; required when `azureCloud` is not `public` (otherwise the provider would deploy to the public cloud).")
    {
        Default = Contracts.AzureCloud.Public.Name,
        Expected = "`public`, `usgovernment` or `china`",
    };

    public static readonly ChoiceKey<StackMode> Mode = new("mode", "`worker`: our connector worker reads CloudTrail through a broker identity. `sentinel`: Microsoft Sentinel's own AWS CloudTrail connector reads it (trusts Microsoft's AWS account 197857026523; no worker, DCR or table).",
        "worker", ("worker", StackMode.Worker), ("sentinel", StackMode.Sentinel));

    public static readonly TextKey AwsRegions = new("awsRegions", "Comma-separated AWS regions the worker reads, e.g. `us-east-1,eu-west-1` (worker mode).")
    {
        DefaultDescription = "the `aws:region` value",
        Expected = "AWS region names separated by commas",
    };

    public static readonly ChoiceKey<ReaderPolicyKind> ReaderPolicy = new("readerPolicy", "`leastPrivilege`: an inline policy allowing only `cloudtrail:LookupEvents` on `*`. `managed`: the AWS managed policy `AWSCloudTrail_ReadOnlyAccess` (the renamed `AWSCloudTrailReadOnlyAccess`).",
        "leastPrivilege", ("leastPrivilege", ReaderPolicyKind.LeastPrivilege), ("managed", ReaderPolicyKind.Managed));

    // ExternalId: 2–1224 characters of [\w+=,.@:/-] (STS AssumeRole API reference; docs/facts.md#iam-and-sts).
    public static readonly TextKey ExternalId = new("externalId", "External ID the reader role's trust requires. Worker mode only; in sentinel mode it is the workspace ID.")
    {
        Secret = true,
        DefaultDescription = "a generated `random:RandomUuid`",
        Pattern = ExternalIdPattern(),
        Expected = "2–1224 characters of letters, digits and + = , . @ : / _ -",
    };

    // IAM: role name 1–64 characters; name_prefix leaves 26 for the unique suffix (docs/facts.md#iam-and-sts).
    public static readonly TextKey ReaderRoleNamePrefix = new("readerRoleNamePrefix", "Name prefix of the reader role (AWS adds a unique suffix).")
    {
        Default = "sentinel-cloudtrail-reader-",
        Pattern = RoleNamePrefixPattern(),
        Expected = "at most 38 characters of letters, digits and + = , . @ _ -",
    };

    // MaxSessionDuration 3600–43200 s (docs/facts.md#iam-and-sts).
    public static readonly WholeNumberKey MaxSessionDurationSeconds = new("maxSessionDurationSeconds", "Maximum session of the reader role, in seconds. Role chaining (the worker's broker → reader) caps sessions at 1 h anyway.", 3600, 43200)
    {
        Default = 3600,
    };

    public static readonly ChoiceKey<BrokerKind> Broker = new("broker", "How the worker becomes an AWS principal that may assume the reader role. `webIdentity`: an IAM role federated to the worker's Azure managed identity (no secret anywhere). `accessKey`: an existing IAM principal and its access key, stored in Key Vault.",
        "webIdentity", ("webIdentity", BrokerKind.WebIdentity), ("accessKey", BrokerKind.AccessKey));

    public static readonly TextKey BrokerPrincipalArn = new("brokerPrincipalArn", "`accessKey` broker only: ARN of the existing IAM user or role the reader role trusts.")
    {
        Pattern = PrincipalArnPattern(),
        Expected = "the ARN of an IAM user, role or account root, e.g. arn:aws:iam::123456789012:user/sentinel-broker (never a wildcard)",
    };

    // IAM AccessKeyId: 16–128 word characters (IAM API reference, AccessKey data type).
    public static readonly TextKey BrokerAccessKeyId = new("brokerAccessKeyId", "`accessKey` broker only: access key ID of that principal.")
    {
        Pattern = AccessKeyIdPattern(),
        Expected = "16–128 letters or digits, e.g. AKIA…",
    };

    public static readonly TextKey BrokerSecretAccessKey = new("brokerSecretAccessKey", "`accessKey` broker only: its secret access key; stored in a Key Vault secret, the app setting is a Key Vault reference.")
    {
        Secret = true,
        Expected = "the secret access key (not empty)",
    };

    public static readonly TextKey WorkspaceResourceId = new("workspaceResourceId", "Resource ID of an existing Log Analytics workspace to use; `pulumi destroy` never deletes it. Unset: the stack creates one.")
    {
        DefaultDescription = "(create a workspace)",
        Pattern = WorkspaceIdPattern(),
        Expected = "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>",
    };

    // Log Analytics workspace retention for the PerGB2018 SKU: 30–730 days.
    public static readonly WholeNumberKey WorkspaceRetentionDays = new("workspaceRetentionDays", "Retention of a workspace the stack creates, in days (Sentinel includes 90 days).", 30, 730)
    {
        Default = 90,
    };

    // What a destroy keeps (docs/facts.md#retention-on-destroy): a deleted table has no recovery operation,
    // a deleted workspace is recoverable for 14 days only.
    public static readonly ChoiceKey<DataOnDestroy> DataOnDestroy = new("dataOnDestroy", "What `pulumi destroy` does with the resources that hold ingested data. `keep`: the workspace the stack created, its tables, Microsoft Sentinel on it, the checkpoint storage (checkpoints and dead letters) and the resource group holding them are retained (`retainOnDelete`); a new `up` after importing them resumes where the worker stopped. `delete`: they are deleted with the rest (a dev stack). With `workspaceResourceId` the tables in that workspace and the checkpoints are always kept, so `delete` is refused there. `explain` lists what is kept, how to delete it by hand and what keeping it costs.",
        "keep", ("keep", Config.DataOnDestroy.Keep), ("delete", Config.DataOnDestroy.Delete));

    public static readonly ChoiceKey<bool> Sentinel = new("sentinel", "Onboard Microsoft Sentinel on the workspace (`securityinsights:SentinelOnboardingState`). Required in sentinel mode. Set `false` if the existing workspace is onboarded already.",
        "true", ("true", true), ("false", false));

    // Purge protection cannot be switched off once on, and holds a deleted vault (its name and its secret) for the
    // soft-delete retention days (docs/facts.md "Least exposure").
    public static readonly ChoiceKey<bool> VaultPurgeProtection = new("vaultPurgeProtection", "Purge protection on the accessKey broker's Key Vault. `true`: a deleted vault and its secret can be recovered but not purged until the soft-delete retention (7 days) has passed; the vault's name is held for those days (the stack names vaults with a random suffix, so a new `up` is not blocked), and once on it cannot be turned off. `false`: for throw-away stacks only; a deleted vault can be purged at once. Only with `broker` accessKey.",
        "true", ("true", true), ("false", false));

    // Private-network mode (docs/security.md "Private-network mode", docs/facts.md#private-network).
    public static readonly ChoiceKey<bool> PrivateNetwork = new("privateNetwork", "Private-network mode (worker mode). `true`: the worker runs with regional virtual network integration and sends all its outbound traffic into a virtual network the stack creates (10.42.0.0/24: a /26 delegated to App Service, a /27 for private endpoints); the checkpoint storage (and the accessKey broker's Key Vault) get private endpoints and private DNS zones, public network access Disabled and a default network action Deny; the code package moves to a storage account of its own that stays reachable from the deploying runner. Adds about US$ 8 a month (16 with the accessKey broker's vault; README \"Private-network mode\"). `false`: no virtual network; storage and vault accept any address but only Entra ID callers holding a role.",
        "false", ("false", false), ("true", true));

    // Custom table names end _CL (docs/facts.md#dcr-tables-and-sentinel); they start with a letter, 63 characters at most.
    public static readonly TextKey TableName = new("tableName", "Custom table the worker writes to; also names the DCR input stream `Custom-<tableName>`.")
    {
        Default = CloudTrailTable.DefaultName,
        Pattern = TableNamePattern(),
        Expected = "a letter, then letters, digits and _, at most 63 characters, ending with _CL",
    };

    public static readonly ChoiceKey<string> TablePlan = new("tablePlan", "Plan of the custom table.",
        "Analytics", ("Analytics", "Analytics"), ("Basic", "Basic"), ("Auxiliary", "Auxiliary"));

    // Table retentionInDays 4–730 (docs/facts.md#dcr-tables-and-sentinel).
    public static readonly WholeNumberKey TableRetentionDays = new("tableRetentionDays", "Retention of the custom table, in days.", 4, 730)
    {
        DefaultDescription = "(the workspace's)",
    };

    public static readonly ChoiceKey<DestinationKind> Destination = new("destination", "`customTable`: rows go to the custom table. `builtInTable`: rows go to Sentinel's built-in `AWSCloudTrail` table (output stream `Microsoft-AWSCloudTrail`); no custom table is created.",
        "customTable", ("customTable", DestinationKind.CustomTable), ("builtInTable", DestinationKind.BuiltInTable));

    // LookupEvents keeps 90 days of history (contracts CloudTrailLimits.HistoryDays).
    public static readonly WholeNumberKey BackfillDays = new("backfillDays", "Days of CloudTrail history the worker reads on its first run.", 0, CloudTrailLimits.HistoryDays)
    {
        Default = 7,
    };

    // Always On, which a long-running worker needs, is not available on the Free and Shared tiers (App Service docs).
    public static readonly TextKey AppServiceSku = new("appServiceSku", "App Service plan SKU of the worker (Basic or above: Always On needs it).")
    {
        Default = "B1",
        Pattern = SkuPattern(),
        Expected = "a Basic or higher App Service SKU such as B1, S1 or P0v3",
    };

    public static readonly ChoiceKey<Contracts.AzureCloud> AzureCloud = new("azureCloud", "Azure cloud the stack deploys to: `public`, `usgovernment` (Azure Government) or `china` (Azure operated by 21Vianet). Picks the worker's Logs Ingestion audience (`https://monitor.azure.com`, `.us`, `.cn`) and the token issuer the broker's IAM OIDC provider trusts (`sts.windows.net`, or `sts.chinacloudapi.cn` in China). Set `azure-native:environment` to the same value. Sentinel mode needs `public`.",
        Contracts.AzureCloud.Public.Name, [.. Contracts.AzureCloud.All.Select(c => (c.Name, c))]);

    public static readonly ChoiceKey<Contracts.AwsPartition> AwsPartition = new("awsPartition", "AWS partition of the account that is read: `aws`, `aws-us-gov` (GovCloud) or `aws-cn` (China). Picks the ARNs (`arn:<partition>:…`) and the endpoints (`amazonaws.com`, `amazonaws.com.cn`). `aws:region` and every region of `awsRegions` must be in it. Sentinel mode needs `aws`.",
        Contracts.AwsPartition.Aws.Name, [.. Contracts.AwsPartition.All.Select(p => (p.Name, p))]);

    public static readonly TextKey AlertEmail = new("alertEmail", "Email address of the operator. When set (worker mode), the stack creates an action group that emails it and three alert rules on the health table: no health rows, lag above the threshold, a partition failing. Unset: no action group, no alert rule.")
    {
        DefaultDescription = "(no alerting)",
        Pattern = EmailPattern(),
        Expected = "one email address, e.g. secops@example.com",
        Example = "secops@example.com",
    };

    // Alert thresholds: the rules look back 6 h (infra/Monitoring/HealthQueries.LookbackHours), so a streak of failing
    // rows can be followed for at most half of it.
    public static readonly WholeNumberKey AlertSilenceMinutes = new("alertSilenceMinutes", "Alert when the worker wrote no health row for this many minutes (needs `alertEmail`).", 5, 360)
    {
        Default = 15,
    };

    public static readonly WholeNumberKey AlertLagMinutes = new("alertLagMinutes", "Alert when a partition that is not parked lags behind CloudTrail by more than this many minutes (needs `alertEmail`).", 5, 10080)
    {
        Default = 60,
    };

    public static readonly WholeNumberKey AlertFailingMinutes = new("alertFailingMinutes", "Alert when a partition has been in state `failing` for this many minutes (needs `alertEmail`).", 5, 180)
    {
        Default = 15,
    };

    // Off by default: the health table and the worker's console logs in the workspace already show its state; traces
    // and metrics are for tuning and incidents (docs/stack/monitoring.md "Metrics and traces", cost in README).
    public static readonly ChoiceKey<bool> WorkerTelemetry = new("workerTelemetry", "Metrics and traces of the worker. `true`: the stack creates a workspace-based Application Insights component (local authentication off) that stores into the stack's workspace, lets the worker's identity publish to it (Monitoring Metrics Publisher) and hands its connection string to the worker, which exports counters per partition, upload latency and status codes, and the spans of its HTTP calls. `false`: no component, no setting, nothing collected or sent. Worker mode, public Azure cloud only.",
        "false", ("true", true), ("false", false));

    public static readonly TextKey Tags = new("tags", "Tags for every AWS and Azure resource, e.g. `pulumi config set --path 'tags.owner' secops`. Tags are written into the program as they are: never put a secret in one.")
    {
        DefaultDescription = "(none)",
        Expected = "a map of tag names (1–128 characters without < > % & \\ ? /) to strings of at most 256 characters",
    };

    /// <summary>Every key, in the order of the config reference.</summary>
    public static readonly IReadOnlyList<ConfigKey> All =
    [
        AwsRegion, AzureLocation, AzureEnvironment, Mode, AwsRegions, ReaderPolicy, ExternalId, ReaderRoleNamePrefix,
        MaxSessionDurationSeconds, Broker, BrokerPrincipalArn, BrokerAccessKeyId, BrokerSecretAccessKey,
        WorkspaceResourceId, WorkspaceRetentionDays, DataOnDestroy, Sentinel, VaultPurgeProtection, PrivateNetwork, TableName, TablePlan, TableRetentionDays, Destination,
        BackfillDays, AppServiceSku, AzureCloud, AwsPartition, AlertEmail, AlertSilenceMinutes, AlertLagMinutes,
        AlertFailingMinutes, WorkerTelemetry, Tags,
    ];

    /// <summary>The fully qualified key, e.g. <c>sentinel-aws-iac:mode</c>.</summary>
    public static string Q(ConfigKey key) => key.Qualified;

    [GeneratedRegex(@"^[\w+=,.@-]{1,38}$")]
    private static partial Regex RoleNamePrefixPattern();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:(root|user/[\w+=,.@/-]+|role/[\w+=,.@/-]+)$")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex(@"^\w{16,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\w._()]+/providers/Microsoft\.OperationalInsights/workspaces/[-\w]+$", RegexOptions.IgnoreCase)]
    private static partial Regex WorkspaceIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,56}_CL$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"^(B[1-3]|S[1-3]|P[0-9]+m?v[2-4]|I[0-9]+m?v2)$")]
    private static partial Regex SkuPattern();

    [GeneratedRegex(@"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")]
    private static partial Regex EmailPattern();
}
