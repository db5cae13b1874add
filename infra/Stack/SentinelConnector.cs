using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.SecurityInsights;
using SentinelAwsIac.Infra.Pulumi.AzureNative.SecurityInsights.Inputs;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>Sentinel mode: Microsoft Sentinel's own AWS CloudTrail connector, pointed at the reader role
/// (Microsoft.SecurityInsights/dataConnectors, kind AmazonWebServicesCloudTrail; docs/facts.md#dcr-tables-and-sentinel).</summary>
public static class SentinelConnector
{
    public static AwsCloudTrailDataConnector Create(SentinelWorkspace workspace, AwsSide aws)
    {
        ResourceNotes.Section("Azure: Microsoft Sentinel's CloudTrail connector");
        return new AwsCloudTrailDataConnector("sentinelCloudTrailConnector", new AwsCloudTrailDataConnectorArgs
        {
            ResourceGroupName = workspace.ResourceGroupName,
            WorkspaceName = workspace.Name,
            Kind = "AmazonWebServicesCloudTrail",
            AwsRoleArn = aws.ReaderRole.Arn,
            DataTypes = new AwsCloudTrailDataConnectorDataTypesArgs { Logs = new AwsCloudTrailDataConnectorDataTypesLogsArgs { State = "Enabled" } },
        }, new CustomResourceOptions { DependsOn = { workspace.Onboarding!, aws.ReaderPermission } })
            .Purpose("Sentinel's AWS CloudTrail connector: Microsoft's account assumes the reader role with the workspace ID as external ID.");
    }
}
