using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Authorization;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>A role assignment for the worker's identity on one resource (the narrowest scope that works).</summary>
public static class WorkerRoleAssignment
{
    public static RoleAssignment Create(string name, AzureAccount azure, UserAssignedIdentity workerIdentity, string roleId, Input<string> scope, string purpose) =>
        new RoleAssignment(name, new RoleAssignmentArgs
        {
            PrincipalId = workerIdentity.PrincipalId,
            // ServicePrincipal: lets ARM accept a just-created identity before it has replicated (ARM role assignment docs).
            PrincipalType = "ServicePrincipal",
            RoleDefinitionId = azure.SubscriptionId.Apply(subscription => AzureRoles.DefinitionId(subscription, roleId)),
            Scope = scope,
            Description = purpose,
        }).Purpose(purpose);
}
