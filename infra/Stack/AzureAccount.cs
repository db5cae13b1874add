using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Authorization;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Resources;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The Azure account the stack deploys into: the deploying identity's tenant and subscription (read from the
/// azure-native provider) and the resource group that holds everything the stack creates in Azure.</summary>
public sealed record AzureAccount(ResourceGroup Group, Output<string> TenantId, Output<string> SubscriptionId, Output<string> DeployerObjectId)
{
    public static AzureAccount Create(StackSettings settings)
    {
        ResourceNotes.Section("Accounts and resource group");
        // The resource group's location is the azure-native provider's location (azure-native:location).
        var group = new ResourceGroup("resourceGroup", new ResourceGroupArgs { Tags = ResourceTags.Of(settings) }, KeptOnDestroy.Group(settings))
            .Purpose("Holds every Azure resource the stack creates (except in an existing workspace's group).");

        // tenantId and subscriptionId of the deploying identity (azure-native:authorization:getClientConfig;
        // docs/facts.md#pulumi-yaml-compiler). Read once, however often used.
        var azureClient = GetClientConfig.Invoke();
        return new AzureAccount(group, azureClient.Apply(c => c.TenantId), azureClient.Apply(c => c.SubscriptionId), azureClient.Apply(c => c.ObjectId));
    }
}
