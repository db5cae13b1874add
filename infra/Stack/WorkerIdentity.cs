using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Model;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The worker's Azure identity: it sends to the DCR, keeps checkpoints, downloads its package, and (with
/// the webIdentity broker) proves itself to AWS with its Entra ID token. No secret exists for it.</summary>
public static class WorkerIdentity
{
    public static void Add(StackContext stack)
    {
        stack.Program.Section("The worker's identity");
        stack.Program.Resource(Names.WorkerIdentity, "azure-native:managedidentity:UserAssignedIdentity", "The worker's identity in Azure and, through the broker, in AWS.", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Fn.Ref(Names.ResourceGroup, "name"),
            ["location"] = Fn.Ref(Names.ResourceGroup, "location"),
        }));
    }
}
