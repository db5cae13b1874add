using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class RoleAssignmentTests
{
    private static string RoleDefinition(string id) =>
        $"/subscriptions/${{azureClient.subscriptionId}}/providers/Microsoft.Authorization/roleDefinitions/{id}";

    [Fact]
    public void Worker_may_publish_to_the_DCR_only()
    {
        var program = Emit.View();
        var assignment = program.Properties("workerPublishesToRule");
        Assert.Equal("${ingestionRule.id}", assignment["scope"]!.GetValue<string>());
        Assert.Equal(RoleDefinition(WellKnownIds.MonitoringMetricsPublisherRoleId), assignment["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal("${workerIdentity.principalId}", assignment["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", assignment["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void Storage_roles_are_scoped_to_their_containers_and_the_key_vault_role_to_the_secret()
    {
        var program = Emit.View(Emit.AccessKeyBroker);
        var scopes = program.OfType("azure-native:authorization:RoleAssignment").Where(a => IsWorkers(a.Resource))
            .ToDictionary(a => a.Resource["properties"]!["roleDefinitionId"]!.GetValue<string>(), a => a.Resource["properties"]!["scope"]!.GetValue<string>());
        Assert.Equal(4, scopes.Count);
        Assert.Equal("${ingestionRule.id}", scopes[RoleDefinition(WellKnownIds.MonitoringMetricsPublisherRoleId)]);
        Assert.Equal("${checkpointContainer.id}", scopes[RoleDefinition(WellKnownIds.StorageBlobDataContributorRoleId)]);
        Assert.Equal("${packageContainer.id}", scopes[RoleDefinition(WellKnownIds.StorageBlobDataReaderRoleId)]);
        Assert.Equal("${brokerKeySecret.id}", scopes[RoleDefinition("4633458b-17de-408a-b874-0445c86b69e6")]);
    }

    [Fact]
    public void Worker_starts_after_all_its_role_assignments()
    {
        foreach (var config in new[] { Array.Empty<(string, string)>(), Emit.AccessKeyBroker })
        {
            var program = Emit.View(config);
            var dependsOn = program.Resource("workerApp")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToHashSet();
            var assignments = program.OfType("azure-native:authorization:RoleAssignment").Where(a => IsWorkers(a.Resource)).Select(a => "${" + a.Name + "}").ToHashSet();
            Assert.Equal(assignments, dependsOn);
        }
    }

    /// <summary>The worker's own assignments; the deploying identity's one (the package upload) is not the worker's.</summary>
    private static bool IsWorkers(System.Text.Json.Nodes.JsonObject assignment) =>
        assignment["properties"]!["principalId"]!.GetValue<string>() == "${workerIdentity.principalId}";
}
