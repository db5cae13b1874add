using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Model;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>Facts the program reads from the two providers' accounts, and the resource group everything lives in.</summary>
public static class SharedFacts
{
    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        program.Section("Accounts and resource group");
        // tenantId, subscriptionId, objectId, clientId of the deploying identity (FACTS.md "Pulumi YAML compiler").
        program.Variable(Names.AzureClient, Fn.Invoke("azure-native:authorization:getClientConfig", []));
        // aws, aws-us-gov or aws-cn: the partition in managed-policy ARNs.
        program.Variable(Names.AwsPartition, Fn.Invoke("aws:getPartition", [], "partition"));
        // The resource group's location is the azure-native provider's location (azure-native:location).
        program.Resource(Names.ResourceGroup, "azure-native:resources:ResourceGroup", "Holds every Azure resource the stack creates (except in an existing workspace's group).", stack.Tagged([]));
    }
}
