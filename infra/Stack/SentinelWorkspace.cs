using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights;
using SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights.Inputs;
using SentinelAwsIac.Infra.Pulumi.AzureNative.SecurityInsights;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The Log Analytics workspace the events land in (created, or an existing one that is only read) and Microsoft
/// Sentinel on it.
/// </summary>
/// <param name="Id">Its resource ID.</param>
/// <param name="Name">Its name and <paramref name="ResourceGroupName"/> its group: outputs of a created workspace,
/// literals parsed from an existing one's ID.</param>
/// <param name="Onboarding">Sentinel on the workspace, unless config <c>sentinel</c> is false.</param>
public sealed record SentinelWorkspace(Workspace Workspace, Output<string> Id, Output<string> Name, Output<string> ResourceGroupName, SentinelOnboardingState? Onboarding)
{
    public static SentinelWorkspace Create(StackSettings settings, AzureAccount azure)
    {
        ResourceNotes.Section("Azure: the workspace and Microsoft Sentinel");
        var workspace = settings.WorkspaceResourceId is { } existingId ? Existing(existingId) : Created(settings, azure);
        if (!settings.OnboardSentinel)
        {
            return workspace;
        }

        // A kept workspace keeps Sentinel when the stack is destroyed (an existing one always).
        var onboarding = new SentinelOnboardingState("sentinelOnboarding", new SentinelOnboardingStateArgs
        {
            ResourceGroupName = workspace.ResourceGroupName,
            WorkspaceName = workspace.Name,
            SentinelOnboardingStateName = "default",
        }, KeptOnDestroy.HoldsData(settings))
            .Purpose("Turns Microsoft Sentinel on for the workspace.");
        return workspace with { Onboarding = onboarding };
    }

    /// <summary>No workspaceName: auto-naming adds a random suffix, so destroy-then-up does not collide with the
    /// soft-deleted workspace of the same name (docs/facts.md#retention-on-destroy).</summary>
    private static SentinelWorkspace Created(StackSettings settings, AzureAccount azure)
    {
        var workspace = new Workspace("logAnalyticsWorkspace", new WorkspaceArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            Sku = new WorkspaceSkuArgs { Name = "PerGB2018" },
            RetentionInDays = settings.WorkspaceRetentionDays,
            Tags = ResourceTags.Of(settings),
        }, KeptOnDestroy.HoldsData(settings)).Purpose("Log Analytics workspace that holds the CloudTrail rows and Microsoft Sentinel.");
        return new SentinelWorkspace(workspace, workspace.Id, workspace.Name, azure.Group.Name, Onboarding: null);
    }

    /// <summary>The ID is config (not secret), so its parts are known: /subscriptions/&lt;s&gt;/resourceGroups/&lt;group&gt;/providers/Microsoft.OperationalInsights/workspaces/&lt;name&gt;.</summary>
    private static SentinelWorkspace Existing(string id)
    {
        var workspace = Workspace.Get("logAnalyticsWorkspace", id)
            .Purpose("The existing workspace (read by ID, never created or deleted by this stack).");
        var parts = id.Split('/');
        return new SentinelWorkspace(workspace, Output.Create(id), Output.Create(parts[8]), Output.Create(parts[4]), Onboarding: null);
    }
}
