namespace SentinelAwsIac.Contracts;

/// <summary>
/// Configuration keys of the connector worker, one definition for both sides: the worker binds its
/// options sections from them, and the stack writes them as App Service app settings. Sections follow the
/// worker's topology (Source → Map → Sink, Checkpoints beside). In environment variables and App Service
/// app settings ':' is written '__' (.NET configuration, environment variable provider).
/// </summary>
public static class WorkerSettings
{
    public const string SourceSection = "Source";
    public const string MapSection = "Map";
    public const string SinkSection = "Sink";
    public const string CheckpointsSection = "Checkpoints";
    public const string HealthSection = "Health";
    public const string DeadLettersSection = "DeadLetters";
    public const string TelemetrySection = "Telemetry";

    // Source: CloudTrail LookupEvents, reached by assuming the reader role.
    public const string ReaderRoleArn = "Source:ReaderRoleArn";
    public const string ExternalId = "Source:ExternalId";
    /// <summary>Comma-separated AWS regions, e.g. "us-east-1,eu-west-1".</summary>
    public const string Regions = "Source:Regions";
    public const string AwsPartition = "Source:AwsPartition";
    /// <summary>How the worker gets the AWS identity that may assume the reader role: WebIdentity, AccessKey or Default.</summary>
    public const string BrokerMode = "Source:Broker:Mode";
    public const string BrokerRoleArn = "Source:Broker:RoleArn";
    public const string BrokerAudience = "Source:Broker:Audience";
    public const string BrokerAccessKeyId = "Source:Broker:AccessKeyId";
    public const string BrokerSecretAccessKey = "Source:Broker:SecretAccessKey";
    public const string BackfillDays = "Source:BackfillDays";

    // Sink: Logs Ingestion API.
    public const string IngestionEndpoint = "Sink:Endpoint";
    public const string RuleId = "Sink:RuleId";
    public const string StreamName = "Sink:StreamName";
    public const string HealthStreamName = "Sink:HealthStreamName";
    public const string IngestionAudience = "Sink:Audience";

    // Checkpoints: Azure Blob container (or a local folder).
    public const string CheckpointContainerUri = "Checkpoints:ContainerUri";

    // Dead letters: the folder of the file store (local runs; with the Blob checkpoint store they are blobs beside the
    // checkpoints). The worker's own setting, not written by the stack.
    public const string DeadLetterDirectory = "DeadLetters:Directory";

    /// <summary>The key <see cref="DeadLetterDirectory"/> had before dead letters got their own section; the worker
    /// refuses to start with it and names the new key.</summary>
    public const string FormerDeadLetterPath = "Sink:DeadLetterPath";

    // Telemetry: metrics and traces to Application Insights, only when set (the stack sets it with workerTelemetry,
    // to the connection string of the component it creates).
    public const string TelemetryConnectionString = "Telemetry:ConnectionString";

    // Identity: the user-assigned managed identity used for Azure and for the AWS web-identity broker.
    public const string ManagedIdentityClientId = "Identity:ManagedIdentityClientId";

    /// <summary>
    /// The worker's garbage-collector gen0 budget, set as an environment variable because .NET reads this knob only
    /// from the environment (a runtimeconfig.json property of the same name is ignored). Without it the budget follows
    /// the CPU cache size (about 80 MB on the benchmark machine) and the worker's peak RSS at 64 partitions was
    /// 217 MB; with 8 MB it was 194 MB, against the 200 MB target (docs/performance.md). The stack sets it as an app
    /// setting; the benchmark runs the connector with it.
    /// </summary>
    public const string GcGen0BudgetVariable = "DOTNET_GCgen0size";

    /// <summary>8 MB, in the hexadecimal form the runtime expects for GC settings.</summary>
    public const string GcGen0BudgetValue = "0x800000";

    /// <summary>The key as an App Service app setting or environment variable name.</summary>
    public static string AsEnvironmentName(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
