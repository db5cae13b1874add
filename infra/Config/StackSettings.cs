namespace SentinelAwsIac.Infra.Config;

public enum StackMode { Worker, Sentinel }

public enum ReaderPolicyKind { LeastPrivilege, Managed }

public enum BrokerKind { WebIdentity, AccessKey }

public enum DestinationKind { CustomTable, BuiltInTable }

/// <summary>
/// What the compiler reads from the stack's config: only the choices that decide the program's structure
/// (which resources exist, map keys that cannot be expressions). Every other value reaches the program as a
/// config reference, never inlined, so secrets never appear on stdout.
/// </summary>
public sealed record StackSettings
{
    public StackMode Mode { get; init; } = StackMode.Worker;

    /// <summary>awsRegions is set; otherwise the worker reads the provider's region.</summary>
    public bool HasAwsRegions { get; init; }

    public ReaderPolicyKind ReaderPolicy { get; init; } = ReaderPolicyKind.LeastPrivilege;

    /// <summary>externalId is set; otherwise a random UUID is generated.</summary>
    public bool HasExternalId { get; init; }

    public BrokerKind Broker { get; init; } = BrokerKind.WebIdentity;

    /// <summary>workspaceResourceId is set: the stack reads that workspace instead of creating one.</summary>
    public bool UsesExistingWorkspace { get; init; }

    public bool OnboardSentinel { get; init; } = true;

    /// <summary>The table name is structure: it is part of the DCR's stream-declaration key, and map keys in
    /// Pulumi YAML cannot be expressions.</summary>
    public string TableName { get; init; } = Contracts.CloudTrailTable.DefaultName;

    public bool HasTableRetention { get; init; }

    public DestinationKind Destination { get; init; } = DestinationKind.CustomTable;

    /// <summary>Tags are a map whose keys are structure; they are written into the program as given.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The Azure cloud (azureCloud): ingestion audience, token issuer.</summary>
    public Contracts.AzureCloud AzureCloud { get; init; } = Contracts.AzureCloud.Public;

    /// <summary>The AWS partition (awsPartition): ARNs and endpoints.</summary>
    public Contracts.AwsPartition AwsPartition { get; init; } = Contracts.AwsPartition.Aws;

    /// <summary>alertEmail is set: the action group and the alert rules exist.</summary>
    public bool HasAlertEmail { get; init; }

    /// <summary>The DCR input stream of the worker's health rows: <c>Custom-AWSCloudTrailConnectorHealth_CL</c>.</summary>
    public string HealthStream => Contracts.TableSchema.CustomStreamName(Contracts.HealthTable.DefaultName);

    /// <summary>The DCR input stream the worker posts to: <c>Custom-&lt;table&gt;</c> (Azure Monitor DCR structure).</summary>
    public string InputStream => Contracts.TableSchema.CustomStreamName(TableName);

    /// <summary>Where the DCR's flow writes: the custom table's stream, or the built-in table's.</summary>
    public string OutputStream => Destination == DestinationKind.BuiltInTable ? Contracts.CloudTrailTable.BuiltInOutputStream : InputStream;

    /// <summary>The table rows land in.</summary>
    public string DestinationTable => Destination == DestinationKind.BuiltInTable ? "AWSCloudTrail" : TableName;
}
