using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The worker's Azure identity: it sends to the DCR, keeps checkpoints, downloads its package, and (with
/// the webIdentity broker) proves itself to AWS with its Entra ID token. No secret exists for it.</summary>
public static class WorkerIdentity
{
    public static UserAssignedIdentity Create(AzureAccount azure, StackSettings settings)
    {
        ResourceNotes.Section("The worker's identity");
        return new UserAssignedIdentity("workerIdentity", new UserAssignedIdentityArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            Tags = ResourceTags.Of(settings),
        }).Purpose("The worker's identity in Azure and, through the broker, in AWS.");
    }
}
