using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam.Inputs;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;
using static SentinelAwsIac.Infra.Stack.PolicyDocuments;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The secretless broker: an IAM role federated to the worker's Azure managed identity (docs/facts.md#secretless-aws-access). IAM trusts Entra ID tokens of this tenant, and the role only those of the worker's identity; the role
/// may do nothing but assume the reader role.
/// </summary>
public sealed record WebIdentityBroker(OpenIdConnectProvider Provider, Role Role)
{
    public static WebIdentityBroker Create(StackSettings settings, AzureAccount azure, UserAssignedIdentity workerIdentity)
    {
        ResourceNotes.Section("AWS: the worker's broker identity (federated to its Azure managed identity)");
        var cloud = settings.AzureCloud;

        // Option (a) of docs/facts.md#secretless-aws-access: a v1 token of the managed identity with its own client ID
        // as audience; iss https://<v1 issuer host>/<tenant>/ (trailing slash kept; sts.windows.net, or
        // sts.chinacloudapi.cn in Azure China: contracts Clouds), aud = client ID, sub = principal ID.
        var provider = new OpenIdConnectProvider("entraIdOidcProvider", new OpenIdConnectProviderArgs
        {
            Url = azure.TenantId.Apply(tenant => cloud.TokenIssuer(tenant)),
            ClientIdLists = { workerIdentity.ClientId },
            Tags = ResourceTags.Of(settings),
        }).Purpose($"Lets IAM validate Entra ID tokens of this tenant (issuer {cloud.TokenIssuer("<tenant>")}), for the worker's audience only.");

        // Condition keys drop "https://"; pin aud and sub, since any identity in the tenant can mint a token.
        var brokerTrustPolicy = GetPolicyDocument.Invoke(Of(new GetPolicyDocumentStatementInputArgs
        {
            Sid = "WorkerManagedIdentityOnly",
            Effect = "Allow",
            Actions = { "sts:AssumeRoleWithWebIdentity" },
            Principals = { Principal("Federated", provider.Arn) },
            Conditions =
            {
                StringEquals(azure.TenantId.Apply(tenant => ConditionKey(cloud, tenant, "aud")), workerIdentity.ClientId),
                StringEquals(azure.TenantId.Apply(tenant => ConditionKey(cloud, tenant, "sub")), workerIdentity.PrincipalId),
            },
        }));
        var role = new Role("brokerRole", new RoleArgs
        {
            NamePrefix = "sentinel-cloudtrail-broker-",
            Description = "Broker for the sentinel-aws-iac worker: federated to its Azure managed identity.",
            AssumeRolePolicy = brokerTrustPolicy.Apply(d => d.Json),
            Tags = ResourceTags.Of(settings),
        }).Purpose("The worker's AWS identity: assumable only with a token of the worker's managed identity; it can do nothing but assume the reader role.");
        return new WebIdentityBroker(provider, role);
    }

    /// <summary>The broker's only permission: assuming the reader role.</summary>
    public RolePolicy MayAssume(Role readerRole)
    {
        ResourceNotes.Section("AWS: the worker's broker identity (federated to its Azure managed identity)");
        var brokerMayAssumeReaderPolicy = GetPolicyDocument.Invoke(Of(new GetPolicyDocumentStatementInputArgs
        {
            Sid = "AssumeTheReaderRoleOnly",
            Effect = "Allow",
            Actions = { "sts:AssumeRole" },
            Resources = { readerRole.Arn },
        }));
        return new RolePolicy("brokerMayAssumeReader", new RolePolicyArgs
        {
            Role = Role.Id,
            Policy = brokerMayAssumeReaderPolicy.Apply(d => d.Json),
        }).Purpose("The broker may assume the reader role and nothing else.");
    }

    /// <summary><c>&lt;issuer without https://&gt;:aud</c> (or <c>:sub</c>), the IAM condition key of a token claim.</summary>
    private static string ConditionKey(Contracts.AzureCloud cloud, string tenant, string claim) =>
        string.Concat(cloud.TokenIssuer(tenant).AsSpan("https://".Length), ":", claim);
}
