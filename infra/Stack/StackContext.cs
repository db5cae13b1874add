using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Model;
using SentinelAwsIac.Infra.Packaging;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>What every part of the stack shares while it adds its resources.</summary>
public sealed class StackContext(PulumiProgram program, StackSettings settings, ConnectorPackage package)
{
    public PulumiProgram Program { get; } = program;

    public StackSettings Settings { get; } = settings;

    public ConnectorPackage Package { get; } = package;

    public bool IsWorker => Settings.Mode == StackMode.Worker;

    /// <summary><c>${azureClient.property}</c>: tenantId, subscriptionId, objectId or clientId of the deploying
    /// identity (azure-native:authorization:getClientConfig; FACTS.md "Pulumi YAML compiler").</summary>
    public string AzureClient(string property)
    {
        Program.SharedVariable(Names.AzureClient, () => Fn.Invoke("azure-native:authorization:getClientConfig", []));
        return Fn.Ref(Names.AzureClient, property);
    }

    /// <summary>The AWS partition (awsPartition config; contracts Clouds), for ARNs. Config validation made sure
    /// aws:region and every region read are in it.</summary>
    public Contracts.AwsPartition AwsPartition => Settings.AwsPartition;

    /// <summary>The Azure cloud (azureCloud config; contracts Clouds).</summary>
    public Contracts.AzureCloud AzureCloud => Settings.AzureCloud;

    /// <summary>Expressions for the workspace's name and resource group, set by the Azure logs side.</summary>
    public (JsonNode Name, JsonNode ResourceGroupName)? WorkspaceParts { get; set; }

    public string WorkspaceName => Program.SharedVariable(Names.WorkspaceName, () => WorkspacePart().Name.DeepClone());

    public string WorkspaceResourceGroupName => Program.SharedVariable(Names.WorkspaceResourceGroupName, () => WorkspacePart().ResourceGroupName.DeepClone());

    private (JsonNode Name, JsonNode ResourceGroupName) WorkspacePart() =>
        WorkspaceParts ?? throw new InvalidOperationException("The workspace is referenced before the Azure logs side declared it.");

    /// <summary>Adds the configured tags to a resource's properties, when there are any.</summary>
    public JsonObject Tagged(JsonObject properties)
    {
        if (Settings.Tags.Count > 0)
        {
            var tags = new JsonObject();
            foreach (var (key, value) in Settings.Tags)
            {
                tags[key] = value;
            }

            properties["tags"] = tags;
        }

        return properties;
    }

    /// <summary>A role assignment for the worker's identity.</summary>
    public string AssignToWorker(string name, string roleId, string scope, string purpose) =>
        Program.Resource(name, "azure-native:authorization:RoleAssignment", purpose, new JsonObject
        {
            ["principalId"] = Fn.Ref(Names.WorkerIdentity, "principalId"),
            // ServicePrincipal: lets ARM accept a just-created identity before it has replicated (ARM role assignment docs).
            ["principalType"] = "ServicePrincipal",
            ["roleDefinitionId"] = AzureRoles.DefinitionId(AzureClient("subscriptionId"), roleId),
            ["scope"] = scope,
            ["description"] = purpose,
        });

    public static JsonObject DependsOn(params string[] resources) => new() { ["dependsOn"] = Fn.List(resources.Select(r => Fn.Ref(r)).ToArray()) };
}
