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
        // The resource group's location is the azure-native provider's location (azure-native:location).
        program.Resource(Names.ResourceGroup, "azure-native:resources:ResourceGroup", "Holds every Azure resource the stack creates (except in an existing workspace's group).", stack.Tagged([]));
    }
}
