namespace SentinelAwsIac.Contracts;

/// <summary>
/// One Azure cloud: the names and endpoints that differ between Azure public, Azure Government and Azure operated by
/// 21Vianet (China). The stack picks one with its <c>azureCloud</c> config key; the worker gets the ingestion audience
/// as <see cref="WorkerSettings.IngestionAudience"/>.
/// </summary>
/// <param name="Name">Config value, equal to the azure-native provider's <c>environment</c> value (public,
/// usgovernment, china: @pulumi/azure-native 3.28.0 provider.d.ts, "environment").</param>
/// <param name="LogsIngestionAudience">Token audience of the Logs Ingestion API; the scope is
/// <c>&lt;audience&gt;//.default</c>.</param>
/// <param name="ResourceManagerEndpoint">Azure Resource Manager.</param>
/// <param name="AuthorityHost">Microsoft Entra ID sign-in host (Azure.Identity AzureAuthorityHosts).</param>
/// <param name="TokenIssuerHost">Host of the <c>iss</c> claim of v1 access tokens, <c>https://&lt;host&gt;/&lt;tenant&gt;/</c>:
/// the URL of the broker's IAM OIDC provider (docs/facts.md#secretless-aws-access, option (a)).</param>
/// <param name="Display">Name a person reads.</param>
public sealed record AzureCloud(string Name, string LogsIngestionAudience, string ResourceManagerEndpoint, string AuthorityHost, string TokenIssuerHost, string Display)
{
    // Sources, per value:
    // - Logs Ingestion audiences: docs/facts.md#logs-ingestion-api-requests-limits-and-roles (.com/.us/.cn) and Azure.Monitor.Ingestion's
    //   LogsIngestionAudience (AzurePublicCloud, AzureGovernment, AzureChina).
    // - ARM endpoints and authority hosts: Azure.ResourceManager ArmEnvironment and Azure.Identity AzureAuthorityHosts
    //   (management.azure.com, management.usgovcloudapi.net, management.chinacloudapi.cn; login.microsoftonline.com,
    //   login.microsoftonline.us, login.chinacloudapi.cn); the same values in hashicorp/go-azure-sdk environments.
    // - v1 token issuers: Microsoft Q&A "What are the token issuers for the sovereign clouds"
    //   (learn.microsoft.com/answers/questions/1190472): sts.windows.net for global Azure AND for US Government,
    //   sts.chinacloudapi.cn for China. NOT CONFIRMED in a reference page of the Entra docs, and not verified on a real
    //   tenant here: the first deploy in Azure Government or China must check the `iss` of the worker's token.
    // - Storage Entra audiences: Azure SDK for .NET, sdk/tables/Azure.Data.Tables/src/TableAudience.cs
    //   (https://storage.azure.com, https://storage.azure.us, https://storage.azure.cn; the Azure SDK for Java's
    //   TableAudience has the same three). Storage endpoint suffixes: the Azure CLI's cloud definitions
    //   (azure-cli-core cloud.py, suffixes storage_endpoint; `az cloud show`): core.windows.net,
    //   core.usgovcloudapi.net, core.chinacloudapi.cn. Azurite accepts
    //   only the public audience and the accounts' own blob endpoints (VALID_BLOB_AUDIENCES), so the sovereign
    //   audiences are checked by a unit test of the request the client makes, not against a service.

    public static readonly AzureCloud Public = new("public", "https://monitor.azure.com", "https://management.azure.com", "https://login.microsoftonline.com", "sts.windows.net", "Azure public cloud")
    {
        StorageEndpointSuffix = "core.windows.net",
        StorageAudience = "https://storage.azure.com",
    };

    public static readonly AzureCloud UsGovernment = new("usgovernment", "https://monitor.azure.us", "https://management.usgovcloudapi.net", "https://login.microsoftonline.us", "sts.windows.net", "Azure Government")
    {
        StorageEndpointSuffix = "core.usgovcloudapi.net",
        StorageAudience = "https://storage.azure.us",
    };

    public static readonly AzureCloud China = new("china", "https://monitor.azure.cn", "https://management.chinacloudapi.cn", "https://login.chinacloudapi.cn", "sts.chinacloudapi.cn", "Azure operated by 21Vianet (China)")
    {
        StorageEndpointSuffix = "core.chinacloudapi.cn",
        StorageAudience = "https://storage.azure.cn",
    };

    public static readonly IReadOnlyList<AzureCloud> All = [Public, UsGovernment, China];

    /// <summary>DNS suffix of the cloud's storage endpoints: a blob endpoint is <c>https://&lt;account&gt;.blob.&lt;suffix&gt;</c>.</summary>
    public required string StorageEndpointSuffix { get; init; }

    /// <summary>Entra ID audience of Azure Storage data-plane tokens in this cloud; the scope is <c>&lt;audience&gt;/.default</c>.</summary>
    public required string StorageAudience { get; init; }

    /// <summary>The cloud whose blob endpoints <paramref name="host"/> belongs to (<c>acme.blob.core.usgovcloudapi.net</c> →
    /// Azure Government), or null for any other host (an emulator on 127.0.0.1, a custom domain).</summary>
    public static AzureCloud? OfBlobHost(string host) =>
        All.FirstOrDefault(c => host.EndsWith(".blob." + c.StorageEndpointSuffix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The cloud with config value <paramref name="name"/>, or null.</summary>
    public static AzureCloud? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The IAM OIDC provider URL for tokens of <paramref name="tenantId"/>: the v1 issuer, trailing slash kept.</summary>
    public string TokenIssuer(string tenantId) => $"https://{TokenIssuerHost}/{tenantId}/";
}

/// <summary>
/// One AWS partition: what ARNs and endpoints look like in it. The stack picks one with its <c>awsPartition</c> config
/// key; the worker gets <see cref="Name"/> as <see cref="WorkerSettings.AwsPartition"/>.
/// </summary>
/// <param name="Name">ARN partition: <c>arn:&lt;name&gt;:…</c>.</param>
/// <param name="DnsSuffix">Endpoint DNS suffix.</param>
/// <param name="RegionPrefix">Region names of the partition start with it (empty: any region of no other partition).</param>
/// <param name="ExampleRegion">A region of the partition, for messages.</param>
/// <param name="Display">Name a person reads.</param>
public sealed record AwsPartition(string Name, string DnsSuffix, string RegionPrefix, string ExampleRegion, string Display)
{
    // Source: the AWS SDKs' partitions.json / endpoints.json (botocore, aws-sdk-go): partition "aws" dnsSuffix
    // amazonaws.com; "aws-us-gov" dnsSuffix amazonaws.com, regions us-gov-*; "aws-cn" dnsSuffix amazonaws.com.cn,
    // regionRegex ^cn\-\w+\-\d+$. Endpoint pattern {service}.{region}.{dnsSuffix} (docs/facts.md#cloudtrail-endpoints-quotas-and-delivery:
    // cloudtrail.<region>.amazonaws.com, China cloudtrail.<region>.amazonaws.com.cn). Regional STS follows the same
    // pattern (sts.<region>.<dnsSuffix>).

    public static readonly AwsPartition Aws = new("aws", "amazonaws.com", "", "us-east-1", "AWS commercial regions");

    public static readonly AwsPartition UsGov = new("aws-us-gov", "amazonaws.com", "us-gov-", "us-gov-west-1", "AWS GovCloud (US)");

    public static readonly AwsPartition China = new("aws-cn", "amazonaws.com.cn", "cn-", "cn-north-1", "AWS China");

    public static readonly IReadOnlyList<AwsPartition> All = [Aws, UsGov, China];

    /// <summary>The partition with config value <paramref name="name"/>, or null.</summary>
    public static AwsPartition? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>The partition a region belongs to, by its name.</summary>
    public static AwsPartition OfRegion(string region) =>
        All.Where(p => p.RegionPrefix.Length > 0).FirstOrDefault(p => region.StartsWith(p.RegionPrefix, StringComparison.Ordinal)) ?? Aws;

    /// <summary>ARN of an AWS managed policy in this partition, e.g. <c>arn:aws-cn:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess</c>.
    /// The CloudTrail read-only policy's availability in aws-us-gov and aws-cn is assumed (AWS managed policies are
    /// published per partition), NOT CONFIRMED here.</summary>
    public string ManagedPolicyArn(string policyName) => $"arn:{Name}:iam::aws:policy/{policyName}";

    /// <summary>ARN of an account's root principal.</summary>
    public string AccountRootArn(string accountId) => $"arn:{Name}:iam::{accountId}:root";

    /// <summary>CloudTrail endpoint host of a region of this partition.</summary>
    public string CloudTrailHost(string region) => $"cloudtrail.{region}.{DnsSuffix}";

    /// <summary>Regional STS endpoint host of a region of this partition.</summary>
    public string StsHost(string region) => $"sts.{region}.{DnsSuffix}";
}
