using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Packaging;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Authorization;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Storage;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Storage.Inputs;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>Private storage of the worker: its checkpoints, its code package, and the worker's access to each.</summary>
/// <param name="PackageAccount">The account holding the packages container: the checkpoint account itself, or, in
/// private-network mode, an account of its own that the deploying runner can reach.</param>
public sealed record WorkerStorage(StorageAccount Account, BlobContainer Checkpoints, StorageAccount PackageAccount, BlobContainer Packages, Blob Package, RoleAssignment WritesCheckpoints, RoleAssignment ReadsPackage, RoleAssignment DeployerWritesPackage)
{
    public static WorkerStorage Create(StackSettings settings, AzureAccount azure, UserAssignedIdentity workerIdentity, ConnectorPackage package, PrivateNetwork? network)
    {
        ResourceNotes.Section("Azure: storage for the worker's checkpoints and package");
        // Lower case: Azure auto-naming derives the account's name from it (lower-case letters and digits only).
        // Private-network mode: reachable through its private endpoint only (docs/facts.md "Private network").
        var account = new StorageAccount("workerstorage", Keyless(settings, azure, closed: network is not null), KeptOnDestroy.HoldsData(settings)).Purpose(network is null
            ? "Private storage for the worker's checkpoints and its code package."
            : "Private storage for the worker's checkpoints and dead letters, reachable through its private endpoint only.");
        // Kept with the rows: a new up on kept data resumes from these checkpoints (no second backfill, no gap), and
        // the dead letters beside them are rows that never reached the table.
        var checkpoints = Container("checkpointContainer", "checkpoints", azure, account, KeptOnDestroy.HoldsData(settings))
            .Purpose("One checkpoint blob per partition (AWS account × region): where the worker resumes; also its dead letters.");
        // Private-network mode: the deploying runner is outside the network, so the package it uploads goes to an
        // account of its own that keeps public network access (Entra ID only, like the other), holding nothing but
        // the code package; the data account closes (docs/security.md "Private-network mode").
        var packageAccount = account;
        if (network is not null)
        {
            network.Endpoint(new EndpointNames("checkpointBlobEndpoint", "checkpointBlobEndpointDns", "blobPrivateZone", "blobPrivateZoneLink"), account, "blob", PrivateNetwork.BlobZone(settings.AzureCloud), "the checkpoint storage");
            packageAccount = new StorageAccount("workerpackages", Keyless(settings, azure, closed: false)).Purpose("Storage for the worker's code package only (no data): reachable by the deploying runner, Entra ID only.");
        }

        var packages = Container("packageContainer", "packages", azure, packageAccount, options: null)
            .Purpose("The worker's code packages (private).");

        // Without shared keys the provider uploads the package with the deploying identity's Entra ID token
        // (docs/facts.md "Least exposure"), and a data-plane role is needed for that: Owner grants none.
        var deployerWrites = new RoleAssignment("deployerWritesPackage", new RoleAssignmentArgs
        {
            PrincipalId = azure.DeployerObjectId,
            RoleDefinitionId = azure.SubscriptionId.Apply(subscription => AzureRoles.DefinitionId(subscription, WellKnownIds.StorageBlobDataContributorRoleId)),
            Scope = packages.Id,
            Description = "The identity running pulumi up may write the worker's package into the packages container only.",
        }).Purpose("The identity running pulumi up may write the worker's package into the packages container only.");

        // The blob name carries the hash of the connector's sources: a code change changes the URL, hence the app
        // setting, and the app restarts on the new package (docs/facts.md#hosting-the-worker-on-app-service).
        var blob = new Blob("connectorPackage", new BlobArgs
        {
            ResourceGroupName = azure.Group.Name,
            AccountName = packageAccount.Name,
            ContainerName = packages.Name,
            BlobName = package.BlobName,
            Type = BlobType.Block,
            ContentType = "application/zip",
            Source = new FileAsset(package.ZipPath),
        }, new CustomResourceOptions { DependsOn = [deployerWrites] }).Purpose($"The published connector as a zip ({package.BlobName}); a code change gives a new name.");

        var writesCheckpoints = WorkerRoleAssignment.Create("workerWritesCheckpoints", azure, workerIdentity, WellKnownIds.StorageBlobDataContributorRoleId, checkpoints.Id, "The worker may read and write checkpoint blobs in the checkpoints container only.");
        var readsPackage = WorkerRoleAssignment.Create("workerReadsPackage", azure, workerIdentity, WellKnownIds.StorageBlobDataReaderRoleId, packages.Id, "App Service may download the worker's package with the worker's identity (run from package).");
        return new WorkerStorage(account, checkpoints, packageAccount, packages, blob, writesCheckpoints, readsPackage, deployerWrites);
    }

    /// <summary>What both accounts share: no account key, no SAS signed with it, no public blob. Every reader and
    /// writer (the worker, App Service's package download, the stack's package upload) authorizes with Entra ID
    /// (docs/facts.md "Least exposure"). <paramref name="closed"/>: public network access Disabled and the default
    /// network action Deny, with no exception for trusted Azure services (the private endpoint is the only way in).</summary>
    private static StorageAccountArgs Keyless(StackSettings settings, AzureAccount azure, bool closed) => new()
    {
        ResourceGroupName = azure.Group.Name,
        Location = azure.Group.Location,
        Kind = "StorageV2",
        Sku = new SkuArgs { Name = "Standard_LRS" },
        AllowBlobPublicAccess = false,
        AllowSharedKeyAccess = false,
        DefaultToOAuthAuthentication = true,
        AllowCrossTenantReplication = false,
        EnableHttpsTrafficOnly = true,
        MinimumTlsVersion = "TLS1_2",
        PublicNetworkAccess = closed ? (Input<string>)"Disabled" : null,
        NetworkRuleSet = closed ? (Input<NetworkRuleSetArgs>)new NetworkRuleSetArgs { DefaultAction = DefaultAction.Deny, Bypass = "None" } : null,
        Tags = ResourceTags.Of(settings),
    };

    private static BlobContainer Container(string name, string containerName, AzureAccount azure, StorageAccount account, CustomResourceOptions? options) =>
        new(name, new BlobContainerArgs
        {
            ResourceGroupName = azure.Group.Name,
            AccountName = account.Name,
            ContainerName = containerName,
            PublicAccess = PublicAccess.None,
        }, options);
}
