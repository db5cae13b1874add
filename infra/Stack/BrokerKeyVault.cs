using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Authorization;
using SentinelAwsIac.Infra.Pulumi.AzureNative.KeyVault;
using SentinelAwsIac.Infra.Pulumi.AzureNative.KeyVault.Inputs;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The accessKey broker's secret access key, kept in Key Vault; the worker reads it through a Key Vault
/// reference (App Service docs, "Use Key Vault references") and may read no other secret.</summary>
public sealed record BrokerKeyVault(Vault Vault, Secret Secret, RoleAssignment WorkerReadsKey)
{
    /// <summary>The app setting's value: a reference to the secret, never the secret itself.</summary>
    public Output<string> AppSettingReference => Output.Format($"@Microsoft.KeyVault(SecretUri={Secret.Properties.Apply(p => p.SecretUri)})");

    public static BrokerKeyVault Create(StackSettings settings, AzureAccount azure, UserAssignedIdentity workerIdentity, PrivateNetwork? network)
    {
        ResourceNotes.Section("Azure: the broker's access key, kept in Key Vault");
        // Auto-named (random suffix): a deleted vault's name stays reserved while soft-deleted (docs/facts.md#least-exposure). Lower case,
        // like the storage account, since auto-naming derives the vault's name from it.
        var vault = new Vault("brokervault", new VaultArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            Properties = new VaultPropertiesArgs
            {
                TenantId = azure.TenantId,
                Sku = new SkuArgs { Family = "A", Name = SkuName.Standard },
                // Data access by Azure RBAC only (no access policies): the worker's identity may read this one secret.
                EnableRbacAuthorization = true,
                SoftDeleteRetentionInDays = 7,
                // Purge protection: a deleted vault and its secret stay recoverable, not purgeable, for the retention
                // days. The property accepts only true, so "off" leaves it unset (docs/facts.md "Least exposure").
                EnablePurgeProtection = settings.VaultPurgeProtection ? true : null,
                // Private-network mode: reachable through its private endpoint only; the worker resolves its Key Vault
                // reference through the VNet (route all). Deploying the secret goes through ARM, which the vault's
                // network rules do not apply to (docs/facts.md "Private network").
                PublicNetworkAccess = network is null ? null : (Input<string>)"Disabled",
                NetworkAcls = network is null ? null : (Input<NetworkRuleSetArgs>)new NetworkRuleSetArgs { DefaultAction = "Deny", Bypass = "None" },
            },
            Tags = ResourceTags.Of(settings),
        }).Purpose("Key Vault holding the broker's secret access key (access by Azure RBAC).");
        var secret = new Secret("brokerKeySecret", new SecretArgs
        {
            ResourceGroupName = azure.Group.Name,
            VaultName = vault.Name,
            SecretName = "broker-secret-access-key",
            Properties = new SecretPropertiesArgs
            {
                Value = SecretConfig.Read(ConfigKeys.BrokerSecretAccessKey)!,
                ContentType = "AWS secret access key",
            },
        }, new CustomResourceOptions
        {
            // azure-native deletes a secret through the vault's data plane, which needs a data role the deployer does
            // not hold and, in private-network mode, a network the runner is not in; deleting the vault (through ARM)
            // deletes its secret anyway, so the secret's own delete is skipped when the vault goes too.
            DeletedWith = vault,
        }).Purpose("The broker's AWS secret access key (from secret config); the app reads it through a Key Vault reference.");
        network?.Endpoint(new EndpointNames("vaultEndpoint", "vaultEndpointDns", "vaultPrivateZone", "vaultPrivateZoneLink"), vault, "vault", PrivateNetwork.VaultZone(settings.AzureCloud), "the broker's Key Vault");
        var readsKey = WorkerRoleAssignment.Create("workerReadsBrokerKey", azure, workerIdentity, AzureRoles.KeyVaultSecretsUserRoleId, secret.Id, "The worker may read the broker's secret, and no other secret.");
        return new BrokerKeyVault(vault, secret, readsKey);
    }
}
