using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Explain;

/// <summary>
/// Who can reach what over the network, and with which identity, read back from the emitted program (the worker
/// site's inbound settings, the storage account's key setting, the role assignments, the vault's authorization), so
/// the sentence cannot drift from what is deployed. docs/security.md lists what a scanner would still flag.
/// </summary>
public static class ReachNotes
{
    public static string Describe(JsonObject program)
    {
        var resources = program["resources"]!.AsObject();
        var text = new StringBuilder();
        if (resources["workerApp"]?["properties"] is { } app)
        {
            var site = app["siteConfig"]!;
            var closed = Is(app["publicNetworkAccess"], "Disabled")
                && Is(site["ipSecurityRestrictionsDefaultAction"], "Deny") && Is(site["scmIpSecurityRestrictionsDefaultAction"], "Deny");
            text.Append(closed
                ? "  worker: nobody inbound (public network access Disabled; site and SCM site deny every caller; App Service's own health check pings /healthz from inside the platform and gets only healthy/unhealthy)\n"
                : "  worker: REACHABLE from the internet (public network access or an access rule admits callers)\n");
            text.Append(CultureInfo.InvariantCulture, $"  worker out: to AWS STS and CloudTrail, the Logs Ingestion endpoint, Blob storage{(resources.ContainsKey("brokervault") ? ", Key Vault (through App Service's Key Vault reference)" : "")}, over the internet with TLS\n");
        }

        if (resources["workerstorage"]?["properties"] is { } storage)
        {
            var keyless = storage["allowSharedKeyAccess"]?.GetValue<bool>() == false;
            var callers = Assignees(resources, scopePrefix: "${checkpointContainer.").Concat(Assignees(resources, "${packageContainer.")).Distinct();
            text.Append(keyless
                ? $"  storage: the worker's identity only at run time (Entra ID, shared keys off), and the identity running pulumi up for the package upload ({string.Join("; ", callers)}); network: any address, since the worker has no fixed one\n"
                : "  storage: ANYONE WITH THE ACCOUNT KEY (shared-key access is on)\n");
        }

        if (resources["brokervault"]?["properties"]?["properties"] is { } vault)
        {
            var rbac = vault["enableRbacAuthorization"]?.GetValue<bool>() == true;
            var purge = vault["enablePurgeProtection"]?.GetValue<bool>() == true ? "purge protection on" : "purge protection OFF (vaultPurgeProtection false)";
            text.Append(rbac
                ? $"  Key Vault: the worker's identity only ({string.Join("; ", Assignees(resources, "${brokerKeySecret."))}; RBAC, no access policies; {purge}); network: any address, since App Service resolves the reference from no fixed address\n"
                : "  Key Vault: by access policies (RBAC off)\n");
        }

        return text.Length == 0 ? "  nothing deployed here accepts connections (Microsoft's connector reads AWS with its own identity)\n" : text.ToString();
    }

    private static bool Is(JsonNode? value, string expected) => value is JsonValue v && v.TryGetValue<string>(out var s) && s == expected;

    /// <summary>"who: role on what" for each role assignment whose scope starts with the prefix.</summary>
    private static IEnumerable<string> Assignees(JsonObject resources, string scopePrefix) =>
        resources.Where(r => r.Value!["type"]!.GetValue<string>() == "azure-native:authorization:RoleAssignment")
            .Select(r => r.Value!["properties"]!)
            .Where(p => p["scope"]!.GetValue<string>().StartsWith(scopePrefix, StringComparison.Ordinal))
            .Select(p =>
            {
                var who = p["principalId"]!.GetValue<string>() == "${workerIdentity.principalId}" ? "worker" : "the identity running pulumi up";
                var role = p["roleDefinitionId"]!.GetValue<string>().Split('/')[^1];
                var scope = p["scope"]!.GetValue<string>().Trim('$', '{', '}').Split('.')[0];
                return $"{who}: {Stack.AzureRoles.DisplayNames.GetValueOrDefault(role, role)} on {scope}";
            });
}
