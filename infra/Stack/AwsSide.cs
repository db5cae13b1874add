using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Model;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The AWS side of the trust: the reader role that may call CloudTrail, who may assume it (a trusted principal
/// plus the external ID; never a wildcard), and what it may do. In worker mode with the webIdentity broker, also
/// the broker: an IAM role federated to the worker's Azure managed identity (FACTS.md "Secretless AWS access").
/// </summary>
public static class AwsSide
{
    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        var (principal, externalId) = TrustedPrincipal(stack);
        program.Section("AWS: the reader role (who may read CloudTrail)");

        // Cross-account trust: Principal {AWS: …}, sts:AssumeRole, StringEquals sts:ExternalId (IAM user guide,
        // "confused deputy"; FACTS.md "IAM and STS").
        program.Variable(Names.ReaderTrustPolicy, PolicyDocument(new JsonObject
        {
            ["sid"] = "TrustedPrincipalWithExternalId",
            ["effect"] = "Allow",
            ["actions"] = List("sts:AssumeRole"),
            ["principals"] = new JsonArray(new JsonObject { ["type"] = "AWS", ["identifiers"] = List(principal) }),
            ["conditions"] = new JsonArray(Condition("StringEquals", "sts:ExternalId", externalId)),
        }));
        program.Resource(Names.ReaderRole, "aws:iam:Role", "The role CloudTrail is read with; only the trusted principal, presenting the external ID, may assume it.", stack.Tagged(new JsonObject
        {
            ["namePrefix"] = program.Config(ConfigKeys.ReaderRoleNamePrefix, defaultValue: "sentinel-cloudtrail-reader-"),
            ["description"] = "Reads CloudTrail management events for Microsoft Sentinel (sentinel-aws-iac).",
            ["assumeRolePolicy"] = Ref(Names.ReaderTrustPolicy),
            ["maxSessionDuration"] = program.Config(ConfigKeys.MaxSessionDurationSeconds, "integer", 3600),
        }));

        program.Section("AWS: what the reader may do");
        if (stack.Settings.ReaderPolicy == ReaderPolicyKind.LeastPrivilege)
        {
            // LookupEvents has no resource-level ARN, so "*" is the narrowest resource (FACTS.md "IAM and STS").
            program.Variable(Names.ReaderLookupEventsPolicy, PolicyDocument(new JsonObject
            {
                ["sid"] = "LookupEventsOnly",
                ["effect"] = "Allow",
                ["actions"] = List("cloudtrail:LookupEvents"),
                ["resources"] = List("*"),
            }));
            program.Resource(Names.ReaderLookupEventsOnly, "aws:iam:RolePolicy", "Least privilege: the reader may call cloudtrail:LookupEvents and nothing else.", new JsonObject
            {
                ["role"] = Ref(Names.ReaderRole, "id"),
                ["policy"] = Ref(Names.ReaderLookupEventsPolicy),
            });
        }
        else
        {
            program.Resource(Names.ReaderCloudTrailReadOnly, "aws:iam:RolePolicyAttachment", $"AWS managed policy {WellKnownIds.CloudTrailReadOnlyPolicyName} (the renamed AWSCloudTrailReadOnlyAccess): CloudTrail Get*, Describe*, List*, LookupEvents.", new JsonObject
            {
                ["role"] = Ref(Names.ReaderRole, "name"),
                ["policyArn"] = stack.AwsPartition.ManagedPolicyArn(WellKnownIds.CloudTrailReadOnlyPolicyName),
            });
        }
    }

    /// <summary>The principal the reader role trusts, and the external ID it must present.</summary>
    private static (string Principal, string ExternalId) TrustedPrincipal(StackContext stack)
    {
        var program = stack.Program;
        if (!stack.IsWorker)
        {
            // Microsoft Sentinel's legacy CloudTrail connector: Microsoft's AWS account, external ID = workspace ID
            // (FACTS.md "IAM and STS"; contracts WellKnownIds). Config validation allows sentinel mode in partition aws only.
            return (stack.AwsPartition.AccountRootArn(WellKnownIds.SentinelAwsAccountId), Ref(Names.Workspace, "customerId"));
        }

        program.Section("AWS: the external ID");
        string externalId;
        if (stack.Settings.HasExternalId)
        {
            externalId = program.Variable(Names.ExternalIdValue, program.Config(ConfigKeys.ExternalId, secret: true));
        }
        else
        {
            program.Resource(Names.ReaderExternalId, "random:RandomUuid", "External ID the reader role requires: unique to this stack, so no other customer of the trusted principal can make it read this account.", new JsonObject());
            externalId = program.Variable(Names.ExternalIdValue, Ref(Names.ReaderExternalId, "result"));
        }

        if (stack.Settings.Broker == BrokerKind.AccessKey)
        {
            return (program.Config(ConfigKeys.BrokerPrincipalArn), externalId);
        }

        AddWebIdentityBroker(stack);
        return (Ref(Names.BrokerRole, "arn"), externalId);
    }

    /// <summary>The secretless broker: IAM trusts Entra ID tokens of the worker's managed identity, and only those.</summary>
    private static void AddWebIdentityBroker(StackContext stack)
    {
        var program = stack.Program;
        program.Section("AWS: the worker's broker identity (federated to its Azure managed identity)");
        var tenant = stack.AzureClient("tenantId");

        // Option (a) of FACTS.md "Secretless AWS access": a v1 token of the managed identity with its own client ID
        // as audience; iss https://<v1 issuer host>/<tenant>/ (trailing slash kept; sts.windows.net, or
        // sts.chinacloudapi.cn in Azure China: contracts Clouds), aud = client ID, sub = principal ID.
        var issuer = stack.AzureCloud.TokenIssuer(tenant);
        program.Resource(Names.EntraIdOidcProvider, "aws:iam:OpenIdConnectProvider", $"Lets IAM validate Entra ID tokens of this tenant (issuer {stack.AzureCloud.TokenIssuer("<tenant>")}), for the worker's audience only.", stack.Tagged(new JsonObject
        {
            ["url"] = issuer,
            ["clientIdLists"] = List(Ref(Names.WorkerIdentity, "clientId")),
        }));

        // Condition keys drop "https://"; pin aud and sub, since any identity in the tenant can mint a token.
        var issuerKey = issuer["https://".Length..];
        program.Variable(Names.BrokerTrustPolicy, PolicyDocument(new JsonObject
        {
            ["sid"] = "WorkerManagedIdentityOnly",
            ["effect"] = "Allow",
            ["actions"] = List("sts:AssumeRoleWithWebIdentity"),
            ["principals"] = new JsonArray(new JsonObject { ["type"] = "Federated", ["identifiers"] = List(Ref(Names.EntraIdOidcProvider, "arn")) }),
            ["conditions"] = new JsonArray(
                Condition("StringEquals", issuerKey + ":aud", Ref(Names.WorkerIdentity, "clientId")),
                Condition("StringEquals", issuerKey + ":sub", Ref(Names.WorkerIdentity, "principalId"))),
        }));
        program.Resource(Names.BrokerRole, "aws:iam:Role", "The worker's AWS identity: assumable only with a token of the worker's managed identity; it can do nothing but assume the reader role.", stack.Tagged(new JsonObject
        {
            ["namePrefix"] = "sentinel-cloudtrail-broker-",
            ["description"] = "Broker for the sentinel-aws-iac worker: federated to its Azure managed identity.",
            ["assumeRolePolicy"] = Ref(Names.BrokerTrustPolicy),
        }));
        program.Variable(Names.BrokerMayAssumeReaderPolicy, PolicyDocument(new JsonObject
        {
            ["sid"] = "AssumeTheReaderRoleOnly",
            ["effect"] = "Allow",
            ["actions"] = List("sts:AssumeRole"),
            ["resources"] = List(Ref(Names.ReaderRole, "arn")),
        }));
        program.Resource(Names.BrokerMayAssumeReader, "aws:iam:RolePolicy", "The broker may assume the reader role and nothing else.", new JsonObject
        {
            ["role"] = Ref(Names.BrokerRole, "id"),
            ["policy"] = Ref(Names.BrokerMayAssumeReaderPolicy),
        });
    }

    /// <summary>An IAM policy document rendered by the aws provider (aws:iam:getPolicyDocument): it lets a condition
    /// key contain an expression (the tenant ID), which a map key in Pulumi YAML cannot.</summary>
    private static JsonObject PolicyDocument(JsonObject statement) =>
        Invoke("aws:iam:getPolicyDocument", new JsonObject { ["version"] = "2012-10-17", ["statements"] = new JsonArray(statement) }, "json");

    private static JsonObject Condition(string test, string variable, string value) =>
        new() { ["test"] = test, ["variable"] = variable, ["values"] = List(value) };
}
