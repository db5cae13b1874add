using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Config;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>Sentinel mode: Microsoft Sentinel's own AWS CloudTrail connector, pointed at the reader role
/// (Microsoft.SecurityInsights/dataConnectors, kind AmazonWebServicesCloudTrail; FACTS.md "DCR, tables, Sentinel").</summary>
public static class SentinelConnector
{
    public static void Add(StackContext stack)
    {
        stack.Program.Section("Azure: Microsoft Sentinel's CloudTrail connector");
        var permission = stack.Settings.ReaderPolicy == ReaderPolicyKind.LeastPrivilege ? Names.ReaderLookupEventsOnly : Names.ReaderCloudTrailReadOnly;
        stack.Program.Resource(Names.SentinelCloudTrailConnector, "azure-native:securityinsights:AwsCloudTrailDataConnector", "Sentinel's AWS CloudTrail connector: Microsoft's account assumes the reader role with the workspace ID as external ID.", new JsonObject
        {
            ["resourceGroupName"] = stack.WorkspaceResourceGroupName,
            ["workspaceName"] = stack.WorkspaceName,
            ["kind"] = "AmazonWebServicesCloudTrail",
            ["awsRoleArn"] = Ref(Names.ReaderRole, "arn"),
            ["dataTypes"] = new JsonObject { ["logs"] = new JsonObject { ["state"] = "Enabled" } },
        }, StackContext.DependsOn(Names.SentinelOnboarding, permission));
    }
}
