using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;

namespace SentinelAwsIac.Infra.Explain;

/// <summary>
/// The ON DESTROY section of <c>explain</c>: what <c>pulumi destroy</c> leaves in place, read back from the program
/// (every resource whose options say <c>retainOnDelete</c>), each with the manual step that deletes it later and what
/// keeping it costs; then how a new <c>up</c> resumes on the kept data. Facts and sources: docs/facts.md "Retention on
/// destroy".
/// </summary>
public static class DestroyNotes
{
    public static string Describe(StackSettings settings, JsonObject program)
    {
        var text = new StringBuilder();
        var kept = program["resources"]!.AsObject()
            .Where(r => r.Value!["options"]?["retainOnDelete"]?.GetValue<bool>() == true)
            .Select(r => (Name: r.Key, Resource: r.Value!.AsObject()))
            .ToList();
        if (kept.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {ConfigKeys.Q(ConfigKeys.DataOnDestroy)} is delete: pulumi destroy deletes everything the stack created, the ingested rows with their tables and workspace.\n");
            text.Append("  A deleted workspace can be recovered for 14 days (az monitor log-analytics workspace recover); Azure offers no recovery operation for a deleted table.\n");
            return text.ToString();
        }

        var why = settings.UsesExistingWorkspace
            ? $"{ConfigKeys.Q(ConfigKeys.WorkspaceResourceId)} is set: the tables in that workspace and the checkpoints are always kept; the workspace itself is only read, never deleted"
            : $"{ConfigKeys.Q(ConfigKeys.DataOnDestroy)} is keep, the default; a stack whose data may go sets it to delete";
        text.Append(CultureInfo.InvariantCulture, $"  pulumi destroy keeps what holds ingested data: {why}. Kept, in the order to delete them by hand:\n");
        foreach (var (name, resource) in kept.OrderBy(k => Order(k.Resource)))
        {
            var (what, step, cost) = Note(settings, resource["type"]!.GetValue<string>(), resource["properties"]!.AsObject(), name);
            text.Append(CultureInfo.InvariantCulture, $"    {name} — {resource["type"]}: {what}\n      delete later: {step}\n      cost of keeping: {cost}\n");
        }

        text.Append("  Prices are regional: https://azure.microsoft.com/pricing/details/monitor/ (retention), https://azure.microsoft.com/pricing/details/storage/blobs/.\n");
        text.Append("  To resume on the kept data: before the destroy, save the IDs (pulumi stack output keptOnDestroy --json > kept.json);\n");
        text.Append("  after it, adopt each kept resource again, then pulumi up:\n");
        foreach (var (name, resource) in kept)
        {
            text.Append(CultureInfo.InvariantCulture, $"    pulumi import {resource["type"]} {name} <keptOnDestroy.{name}> --protect=false\n");
        }

        if (settings.Mode == StackMode.Worker)
        {
            text.Append(CultureInfo.InvariantCulture, $"  The worker then resumes from its kept checkpoints: nothing is read twice, and nothing is missed if it was stopped for less than CloudTrail's {CloudTrailLimits.HistoryDays} days of event history.\n");
        }

        return text.ToString();
    }

    /// <summary>Contents before their containers: tables, Sentinel, the checkpoint container, then the workspace and the account, the group last.</summary>
    private static int Order(JsonObject resource) => resource["type"]!.GetValue<string>() switch
    {
        "azure-native:operationalinsights:Table" => 0,
        "azure-native:securityinsights:SentinelOnboardingState" => 1,
        "azure-native:storage:BlobContainer" => 2,
        "azure-native:operationalinsights:Workspace" => 3,
        "azure-native:storage:StorageAccount" => 4,
        _ => 5,
    };

    private static (string What, string Step, string Cost) Note(StackSettings settings, string type, JsonObject p, string name)
    {
        string P(string property) => p[property]?.GetValue<string>() ?? $"${{{name}.{property}}}";
        var retention = settings.TableRetentionDays is { } tableDays ? $"{tableDays} days (tableRetentionDays)" : settings.UsesExistingWorkspace ? "the workspace's retention" : $"{settings.WorkspaceRetentionDays} days (workspaceRetentionDays)";
        return type switch
        {
            "azure-native:operationalinsights:Table" => (
                $"the rows of table {P("tableName")}",
                $"az monitor log-analytics workspace table delete --resource-group {P("resourceGroupName")} --workspace-name {P("workspaceName")} --name {P("tableName")} --yes (no recovery operation exists for a deleted table)",
                $"retention of its rows only, per GB per month beyond the days included with ingestion (31 days; 90 on a Sentinel workspace), until they age out after {(P("tableName") == HealthTable.DefaultName ? "the workspace's retention" : retention)}; nothing is ingested once the worker is gone"),
            "azure-native:operationalinsights:Workspace" => (
                "the workspace with every table in it",
                $"az monitor log-analytics workspace delete --resource-group {P("resourceGroupName")} --workspace-name ${{{name}.name}} --yes (soft delete: recoverable for 14 days; add --force to delete it at once)",
                $"retention of the rows in it (see its tables), up to {settings.WorkspaceRetentionDays} days (workspaceRetentionDays); an empty workspace costs nothing"),
            "azure-native:securityinsights:SentinelOnboardingState" => (
                "Microsoft Sentinel on the workspace, so the kept rows keep Sentinel's included retention",
                $"remove Microsoft Sentinel from the workspace (portal: Microsoft Sentinel → Settings → Remove Microsoft Sentinel), or delete the workspace",
                "Sentinel is billed on ingested data: nothing once the worker is gone"),
            "azure-native:storage:BlobContainer" => (
                "the worker's checkpoints (one small blob per AWS account × region) and its dead letters",
                $"az storage container delete --account-name {P("accountName")} --name {P("containerName")} --auth-mode login",
                "blob storage per GB per month for a few kilobytes of checkpoints plus any dead letters"),
            "azure-native:storage:StorageAccount" => (
                "the storage account holding the checkpoint container",
                $"az storage account delete --resource-group {P("resourceGroupName")} --name ${{{name}.name}} --yes",
                "nothing beyond the blobs in it"),
            "azure-native:resources:ResourceGroup" => (
                "the resource group the kept resources live in",
                $"az group delete --name ${{{name}.name}} --yes (deletes whatever is still in it)",
                "nothing: a resource group is free"),
            _ => ("kept", "delete it in the portal", "see the resource's pricing"),
        };
    }
}
