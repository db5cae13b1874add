using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam.Inputs;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;
using SentinelAwsIac.Infra.Pulumi.Random;
using static SentinelAwsIac.Infra.Stack.PolicyDocuments;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The AWS side of the trust: the reader role that may call CloudTrail, who may assume it (a trusted principal plus
/// the external ID; never a wildcard), and what it may do.
/// </summary>
/// <param name="ReaderRole">The role CloudTrail is read with.</param>
/// <param name="ExternalId">The external ID its trust requires.</param>
/// <param name="ReaderPermission">The inline policy or the managed policy attachment that lets it read.</param>
/// <param name="Broker">The worker's secretless broker (worker mode, webIdentity broker).</param>
public sealed record AwsSide(Role ReaderRole, Output<string> ExternalId, CustomResource ReaderPermission, WebIdentityBroker? Broker)
{
    /// <summary>Worker mode: the reader role trusts the worker's broker, which presents a stack-unique external ID.</summary>
    public static AwsSide ForWorker(StackSettings settings, AzureAccount azure, UserAssignedIdentity workerIdentity)
    {
        ResourceNotes.Section("AWS: the external ID");
        var externalId = SecretConfig.Read(ConfigKeys.ExternalId)
            ?? new RandomUuid("readerExternalId")
                .Purpose("External ID the reader role requires: unique to this stack, so no other customer of the trusted principal can make it read this account.")
                .Result;

        if (settings.Broker == BrokerKind.AccessKey)
        {
            // An existing IAM principal (config brokerPrincipalArn), signing in with its access key from Key Vault.
            var reader = ReaderRoleTrusting(settings, settings.BrokerPrincipalArn!, externalId);
            return new AwsSide(reader, externalId, ReaderMayRead(settings, reader), Broker: null);
        }

        var broker = WebIdentityBroker.Create(settings, azure, workerIdentity);
        var readerRole = ReaderRoleTrusting(settings, broker.Role.Arn, externalId);
        broker.MayAssume(readerRole);
        return new AwsSide(readerRole, externalId, ReaderMayRead(settings, readerRole), broker);
    }

    /// <summary>Sentinel mode: Microsoft Sentinel's legacy CloudTrail connector, from Microsoft's AWS account, with the
    /// workspace ID as external ID (docs/facts.md#iam-and-sts; contracts WellKnownIds). Config validation allows sentinel
    /// mode in partition aws only.</summary>
    public static AwsSide ForSentinel(StackSettings settings, SentinelWorkspace workspace)
    {
        var externalId = workspace.Workspace.CustomerId;
        var reader = ReaderRoleTrusting(settings, settings.AwsPartition.AccountRootArn(WellKnownIds.SentinelAwsAccountId), externalId);
        return new AwsSide(reader, externalId, ReaderMayRead(settings, reader), Broker: null);
    }

    /// <summary>Cross-account trust: Principal {AWS: …}, sts:AssumeRole, StringEquals sts:ExternalId (IAM user guide,
    /// "confused deputy"; docs/facts.md#iam-and-sts).</summary>
    private static Role ReaderRoleTrusting(StackSettings settings, Input<string> principal, Output<string> externalId)
    {
        ResourceNotes.Section("AWS: the reader role (who may read CloudTrail)");
        var readerTrustPolicy = GetPolicyDocument.Invoke(Of(new GetPolicyDocumentStatementInputArgs
        {
            Sid = "TrustedPrincipalWithExternalId",
            Effect = "Allow",
            Actions = { "sts:AssumeRole" },
            Principals = { Principal("AWS", principal) },
            Conditions = { StringEquals("sts:ExternalId", externalId) },
        }));
        return new Role("readerRole", new RoleArgs
        {
            NamePrefix = settings.ReaderRoleNamePrefix,
            Description = "Reads CloudTrail management events for Microsoft Sentinel (sentinel-aws-iac).",
            AssumeRolePolicy = readerTrustPolicy.Apply(d => d.Json),
            MaxSessionDuration = settings.MaxSessionDurationSeconds,
            Tags = ResourceTags.Of(settings),
        }).Purpose("The role CloudTrail is read with; only the trusted principal, presenting the external ID, may assume it.");
    }

    private static CustomResource ReaderMayRead(StackSettings settings, Role readerRole)
    {
        ResourceNotes.Section("AWS: what the reader may do");
        if (settings.ReaderPolicy == ReaderPolicyKind.Managed)
        {
            return new RolePolicyAttachment("readerCloudTrailReadOnly", new RolePolicyAttachmentArgs
            {
                Role = readerRole.Name,
                PolicyArn = settings.AwsPartition.ManagedPolicyArn(WellKnownIds.CloudTrailReadOnlyPolicyName),
            }).Purpose($"AWS managed policy {WellKnownIds.CloudTrailReadOnlyPolicyName} (the renamed AWSCloudTrailReadOnlyAccess): CloudTrail Get*, Describe*, List*, LookupEvents.");
        }

        // LookupEvents has no resource-level ARN, so "*" is the narrowest resource (docs/facts.md#iam-and-sts).
        var readerLookupEventsPolicy = GetPolicyDocument.Invoke(Of(new GetPolicyDocumentStatementInputArgs
        {
            Sid = "LookupEventsOnly",
            Effect = "Allow",
            Actions = { "cloudtrail:LookupEvents" },
            Resources = { "*" },
        }));
        return new RolePolicy("readerLookupEventsOnly", new RolePolicyArgs
        {
            Role = readerRole.Id,
            Policy = readerLookupEventsPolicy.Apply(d => d.Json),
        }).Purpose("Least privilege: the reader may call cloudtrail:LookupEvents and nothing else.");
    }
}
