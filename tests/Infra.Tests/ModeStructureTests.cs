using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class ModeStructureTests
{
    private static readonly string[] WorkerTypes =
    [
        "random:RandomUuid", "aws:iam:OpenIdConnectProvider", "aws:iam:Role", "aws:iam:RolePolicy",
        "azure-native:resources:ResourceGroup", "azure-native:operationalinsights:Workspace",
        "azure-native:securityinsights:SentinelOnboardingState", "azure-native:operationalinsights:Table",
        "azure-native:monitor:DataCollectionEndpoint", "azure-native:monitor:DataCollectionRule",
        "azure-native:managedidentity:UserAssignedIdentity", "azure-native:authorization:RoleAssignment",
        "azure-native:storage:StorageAccount", "azure-native:storage:BlobContainer", "azure-native:storage:Blob",
        "azure-native:web:AppServicePlan", "azure-native:web:WebApp", "azure-native:web:WebAppFtpAllowed", "azure-native:web:WebAppScmAllowed",
        // Monitoring: the function and saved query, the workbook (named by a second RandomUuid).
        "azure-native:operationalinsights:SavedSearch", "azure-native:applicationinsights:Workbook",
        // The worker's own logs into the workspace.
        "azure-native:monitor:DiagnosticSetting",
    ];

    [Fact]
    public void Worker_mode_has_every_resource_of_the_issue_and_its_outputs()
    {
        var program = Emit.View();
        Assert.Equal(WorkerTypes.Order(), program.Types.Order());
        Assert.Equal(2, program.OfType("aws:iam:Role").Count());
        Assert.Equal(["readerRoleArn", "externalId", "workspaceCustomerId", "workspaceResourceId", "workbookName", "table", "dceEndpoint", "dcrImmutableId", "stream", "healthTable", "healthStream", "cloudTrailFunction", "workerUrl", "brokerRoleArn", "keptOnDestroy"], program.Outputs.Select(o => o.Key));
        Assert.Equal("${readerExternalId.result}", program.Outputs["externalId"]!["fn::secret"]!.GetValue<string>());
        // Auto-named workspace: a soft-deleted one does not block destroy-then-up.
        Assert.Null(program.Properties("logAnalyticsWorkspace")["workspaceName"]);
        Assert.Equal(ConfigKeys.WorkspaceRetentionDays.Default, program.Properties("logAnalyticsWorkspace")["retentionInDays"]!.GetValue<int>());
        Assert.Equal(30, Emit.View(("workspaceRetentionDays", "30")).Properties("logAnalyticsWorkspace")["retentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public void Sentinel_mode_has_Microsofts_connector_and_no_worker_DCR_or_table()
    {
        var program = Emit.View(("mode", "sentinel"));
        Assert.Equal(
            new[] { "azure-native:resources:ResourceGroup", "aws:iam:Role", "aws:iam:RolePolicy", "azure-native:operationalinsights:Workspace", "azure-native:securityinsights:SentinelOnboardingState", "azure-native:securityinsights:AwsCloudTrailDataConnector", "azure-native:operationalinsights:SavedSearch", "random:RandomUuid", "azure-native:applicationinsights:Workbook" }.Order(),
            program.Types.Order());
        var connector = program.Properties("sentinelCloudTrailConnector");
        Assert.Equal("AmazonWebServicesCloudTrail", connector["kind"]!.GetValue<string>());
        Assert.Equal("${readerRole.arn}", connector["awsRoleArn"]!.GetValue<string>());
        Assert.Equal("Enabled", connector["dataTypes"]!["logs"]!["state"]!.GetValue<string>());
        Assert.Contains("${sentinelOnboarding}", program.Resource("sentinelCloudTrailConnector")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["readerRoleArn", "externalId", "workspaceCustomerId", "workspaceResourceId", "workbookName", "table", "keptOnDestroy"], program.Outputs.Select(o => o.Key));
    }

    [Fact]
    public void Existing_workspace_is_never_created_and_keeps_Sentinel_on_destroy()
    {
        var program = Emit.View(("workspaceResourceId", Emit.WorkspaceId));
        Assert.NotNull(program.Resource("logAnalyticsWorkspace")["get"]);
        Assert.True(program.Resource("sentinelOnboarding")["options"]!["retainOnDelete"]!.GetValue<bool>());
        // The ID is config, not secret: the workspace is read by it, and its group and name are its parts, as literals.
        Assert.Equal(Emit.WorkspaceId, program.Resource("logAnalyticsWorkspace")["get"]!["id"]!.GetValue<string>());
        Assert.Equal("secops", program.Properties("cloudTrailTable")["resourceGroupName"]!.GetValue<string>());
        Assert.Equal("sentinel-ws", program.Properties("cloudTrailTable")["workspaceName"]!.GetValue<string>());
        Assert.Equal(Emit.WorkspaceId, program.Properties("ingestionRule")["destinations"]!["logAnalytics"]![0]!["workspaceResourceId"]!.GetValue<string>());
    }

    [Fact]
    public void Sentinel_onboarding_can_be_left_out_in_worker_mode()
    {
        var program = Emit.View(("sentinel", "false"));
        Assert.DoesNotContain("azure-native:securityinsights:SentinelOnboardingState", program.Types);
        Assert.Contains("azure-native:web:WebApp", program.Types);
    }

    [Fact]
    public void Table_retention_is_emitted_only_when_configured()
    {
        Assert.Null(Emit.View().Properties("cloudTrailTable")["retentionInDays"]);
        Assert.Equal(180, Emit.View(("tableRetentionDays", "180")).Properties("cloudTrailTable")["retentionInDays"]!.GetValue<int>());
        Assert.Equal("Basic", Emit.View(("tablePlan", "Basic")).Properties("cloudTrailTable")["plan"]!.GetValue<string>());
        Assert.Equal("Analytics", Emit.View().Properties("cloudTrailTable")["plan"]!.GetValue<string>());
    }
}
