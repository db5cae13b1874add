using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Pulumi;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// What <c>pulumi destroy</c> leaves in place (config <c>dataOnDestroy</c>; docs/facts.md#retention-on-destroy): every resource that holds
/// ingested data — a created workspace, the worker's tables, Microsoft Sentinel on the workspace, the checkpoint
/// storage (checkpoints and dead letters) — and the resource group they live in, since deleting a group deletes
/// everything in it. The checkpoints are kept with the rows so that an <c>up</c> on the kept data resumes where the
/// worker stopped instead of backfilling again (docs/facts.md "Retention on destroy").
/// </summary>
public static class KeptOnDestroy
{
    /// <summary>For a resource that holds ingested data, or the checkpoints that say which rows are already there.</summary>
    public static CustomResourceOptions HoldsData(StackSettings settings) => Retain(settings.KeepsDataOnDestroy);

    /// <summary>The stack's resource group holds the checkpoint storage (worker mode) and a created workspace; in
    /// sentinel mode with an existing workspace it holds nothing that is kept.</summary>
    public static CustomResourceOptions Group(StackSettings settings) =>
        Retain(settings.KeepsDataOnDestroy && (settings.Mode == StackMode.Worker || !settings.UsesExistingWorkspace));

    /// <summary>Written only when true, so a stack that deletes its data renders as before.</summary>
    private static CustomResourceOptions Retain(bool keep) => new() { RetainOnDelete = keep ? true : null };

    /// <summary>Stack output <c>keptOnDestroy</c>: logical name → resource ID of each resource a destroy keeps, the
    /// IDs <c>pulumi import</c> needs to adopt them again (<c>explain</c>, section ON DESTROY). Null when nothing is kept.</summary>
    public static InputMap<string>? Output(IEnumerable<CustomResource?> holdingData)
    {
        var kept = holdingData.OfType<CustomResource>().Where(r => !r.IsExisting && r.ResourceOptions.RetainOnDelete == true).ToList();
        if (kept.Count == 0)
        {
            return null;
        }

        var ids = new InputMap<string>();
        foreach (var resource in kept)
        {
            ids.Add(resource.GetResourceName(), resource.Id);
        }

        return ids;
    }
}
