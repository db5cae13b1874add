namespace SentinelAwsIac.Infra.Config;

public enum StackMode { Worker, Sentinel }

public enum ReaderPolicyKind { LeastPrivilege, Managed }

public enum BrokerKind { WebIdentity, AccessKey }

public enum DestinationKind { CustomTable, BuiltInTable }

public enum DataOnDestroy { Keep, Delete }

/// <summary>
/// The stack's config, validated and typed (<see cref="StackConfigReader"/>), with every default applied from its
/// definition in <see cref="ConfigKeys"/>. The program writes these values as literals of their own type, so the
/// engine's guess at the type of a stack value never reaches a property (tests/Conformance/pulumi-yaml/RULES.md
/// R1–R3). Secrets are not here: the program reads them as outputs (<see cref="SecretConfig"/>).
/// </summary>
public sealed record StackSettings
{
    public StackMode Mode { get; init; } = StackMode.Worker;

    /// <summary>awsRegions as set (comma-separated), or null.</summary>
    public string? AwsRegions { get; init; }

    /// <summary>aws:region, when the stack sets it (the aws provider may also take it from its environment).</summary>
    public string? ProviderRegion { get; init; }

    public bool HasAwsRegions => AwsRegions is not null;

    public ReaderPolicyKind ReaderPolicy { get; init; } = ReaderPolicyKind.LeastPrivilege;

    public string ReaderRoleNamePrefix { get; init; } = ConfigKeys.ReaderRoleNamePrefix.Default!;

    public int MaxSessionDurationSeconds { get; init; } = ConfigKeys.MaxSessionDurationSeconds.Default!.Value;

    /// <summary>externalId is set (a secret); otherwise a random UUID is generated.</summary>
    public bool HasExternalId { get; init; }

    public BrokerKind Broker { get; init; } = BrokerKind.WebIdentity;

    public string? BrokerPrincipalArn { get; init; }

    public string? BrokerAccessKeyId { get; init; }

    /// <summary>workspaceResourceId: the stack reads that workspace instead of creating one.</summary>
    public string? WorkspaceResourceId { get; init; }

    public bool UsesExistingWorkspace => WorkspaceResourceId is not null;

    /// <summary>dataOnDestroy: whether a destroy keeps what holds ingested data (the default) or deletes it.</summary>
    public DataOnDestroy DataOnDestroy { get; init; } = DataOnDestroy.Keep;

    /// <summary>A destroy keeps the resources holding ingested data: always with an existing workspace (its tables are
    /// the customer's evidence, not the connector's), otherwise unless dataOnDestroy is delete.</summary>
    public bool KeepsDataOnDestroy => UsesExistingWorkspace || DataOnDestroy == DataOnDestroy.Keep;

    public int WorkspaceRetentionDays { get; init; } = ConfigKeys.WorkspaceRetentionDays.Default!.Value;

    public bool OnboardSentinel { get; init; } = true;

    /// <summary>vaultPurgeProtection: purge protection on the accessKey broker's Key Vault.</summary>
    public bool VaultPurgeProtection { get; init; } = true;

    /// <summary>privateNetwork: VNet integration, private endpoints and DNS zones; storage and vault closed to the
    /// public network; the code package in a storage account of its own.</summary>
    public bool PrivateNetwork { get; init; }

    public string TableName { get; init; } = Contracts.CloudTrailTable.DefaultName;

    public string TablePlan { get; init; } = ConfigKeys.TablePlan.Default;

    public int? TableRetentionDays { get; init; }

    public DestinationKind Destination { get; init; } = DestinationKind.CustomTable;

    public int BackfillDays { get; init; } = ConfigKeys.BackfillDays.Default!.Value;

    public string AppServiceSku { get; init; } = ConfigKeys.AppServiceSku.Default!;

    /// <summary>workerTelemetry: an Application Insights component for the worker's metrics and traces.</summary>
    public bool WorkerTelemetry { get; init; }

    /// <summary>Tags are written into the program as given.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The Azure cloud (azureCloud): ingestion audience, token issuer.</summary>
    public Contracts.AzureCloud AzureCloud { get; init; } = Contracts.AzureCloud.Public;

    /// <summary>The AWS partition (awsPartition): ARNs and endpoints.</summary>
    public Contracts.AwsPartition AwsPartition { get; init; } = Contracts.AwsPartition.Aws;

    /// <summary>alertEmail: the action group and the alert rules exist when it is set.</summary>
    public string? AlertEmail { get; init; }

    public bool HasAlertEmail => AlertEmail is not null;

    public int AlertSilenceMinutes { get; init; } = ConfigKeys.AlertSilenceMinutes.Default!.Value;

    public int AlertLagMinutes { get; init; } = ConfigKeys.AlertLagMinutes.Default!.Value;

    public int AlertFailingMinutes { get; init; } = ConfigKeys.AlertFailingMinutes.Default!.Value;

    /// <summary>The DCR input stream of the worker's health rows: <c>Custom-AWSCloudTrailConnectorHealth_CL</c>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Read like the other settings (settings.InputStream, settings.HealthStream); the same for every stack today, not by design.")]
    public string HealthStream => Contracts.TableSchema.CustomStreamName(Contracts.HealthTable.DefaultName);

    /// <summary>The DCR input stream the worker posts to: <c>Custom-&lt;table&gt;</c> (Azure Monitor DCR structure).</summary>
    public string InputStream => Contracts.TableSchema.CustomStreamName(TableName);

    /// <summary>Where the DCR's flow writes: the custom table's stream, or the built-in table's.</summary>
    public string OutputStream => Destination == DestinationKind.BuiltInTable ? Contracts.CloudTrailTable.BuiltInOutputStream : InputStream;

    /// <summary>The table rows land in.</summary>
    public string DestinationTable => Destination == DestinationKind.BuiltInTable ? "AWSCloudTrail" : TableName;
}
