namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// Logical names of the program's resources and variables. Names say what a thing is for. Config keys, variables
/// and resources share one namespace in Pulumi YAML, so none of these equals a config key.
/// </summary>
public static class Names
{
    // Shared facts about the two accounts.
    public const string AzureClient = "azureClient";
    public const string ResourceGroup = "resourceGroup";

    // The worker's identity.
    public const string WorkerIdentity = "workerIdentity";

    // AWS side.
    public const string ReaderExternalId = "readerExternalId";
    public const string ExternalIdValue = "readerExternalIdValue";
    public const string EntraIdOidcProvider = "entraIdOidcProvider";
    public const string BrokerTrustPolicy = "brokerTrustPolicy";
    public const string BrokerRole = "brokerRole";
    public const string BrokerMayAssumeReaderPolicy = "brokerMayAssumeReaderPolicy";
    public const string BrokerMayAssumeReader = "brokerMayAssumeReader";
    public const string ReaderTrustPolicy = "readerTrustPolicy";
    public const string ReaderRole = "readerRole";
    public const string ReaderLookupEventsPolicy = "readerLookupEventsPolicy";
    public const string ReaderLookupEventsOnly = "readerLookupEventsOnly";
    public const string ReaderCloudTrailReadOnly = "readerCloudTrailReadOnly";

    // Azure logs side.
    public const string Workspace = "logAnalyticsWorkspace";
    public const string WorkspaceName = "workspaceName";
    public const string WorkspaceResourceGroupName = "workspaceResourceGroupName";
    public const string WorkspaceId = "workspaceId";
    public const string SentinelOnboarding = "sentinelOnboarding";
    public const string CloudTrailTable = "cloudTrailTable";
    public const string HealthTable = "connectorHealthTable";
    public const string IngestionEndpoint = "ingestionEndpoint";
    public const string IngestionRule = "ingestionRule";
    public const string WorkerPublishesToRule = "workerPublishesToRule";
    public const string SentinelCloudTrailConnector = "sentinelCloudTrailConnector";

    // Worker hosting. Storage account and vault names: lower case, since Azure auto-naming derives the
    // account's name from them (storage accounts allow only lower-case letters and digits).
    public const string WorkerStorage = "workerstorage";
    public const string CheckpointContainer = "checkpointContainer";
    public const string PackageContainer = "packageContainer";
    public const string ConnectorPackage = "connectorPackage";
    public const string WorkerWritesCheckpoints = "workerWritesCheckpoints";
    public const string WorkerReadsPackage = "workerReadsPackage";
    public const string BrokerKeyVault = "brokervault";
    public const string BrokerKeySecret = "brokerKeySecret";
    public const string WorkerReadsBrokerKey = "workerReadsBrokerKey";
    public const string WorkerRegions = "workerRegions";
    public const string WorkerPlan = "workerPlan";
    public const string WorkerApp = "workerApp";

    // Monitoring: Sentinel content and alerting.
    public const string CloudTrailFunction = "cloudTrailAllFunction";
    public const string EventsPerDaySearch = "eventsPerDaySearch";
    public const string WorkbookId = "workbookId";
    public const string Workbook = "cloudTrailWorkbook";
    public const string AlertActionGroup = "alertActionGroup";
    public const string HealthSilentAlert = "healthSilentAlert";
    public const string LagAlert = "lagAlert";
    public const string FailingAlert = "failingAlert";
}
