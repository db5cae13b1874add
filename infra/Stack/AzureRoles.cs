using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>Azure built-in role definitions the stack assigns, as role definition IDs within the subscription.</summary>
public static class AzureRoles
{
    /// <summary>Built-in role "Key Vault Secrets User": read secret contents (Azure built-in roles reference,
    /// Security section). Needed for Key Vault references in app settings (App Service docs, "Use Key Vault
    /// references"). Kept here because only the stack uses it.</summary>
    public const string KeyVaultSecretsUserRoleId = "4633458b-17de-408a-b874-0445c86b69e6";

    public static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [WellKnownIds.MonitoringMetricsPublisherRoleId] = "Monitoring Metrics Publisher",
        [WellKnownIds.StorageBlobDataContributorRoleId] = "Storage Blob Data Contributor",
        [WellKnownIds.StorageBlobDataReaderRoleId] = "Storage Blob Data Reader",
        [KeyVaultSecretsUserRoleId] = "Key Vault Secrets User",
    };

    /// <summary>The subscription-scoped role definition ID ARM expects in a role assignment.</summary>
    public static string DefinitionId(string subscriptionId, string roleId) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleId}";
}
