using SentinelAwsIac.Infra.Pulumi;

namespace SentinelAwsIac.Infra.Explain;

/// <summary>One resource as a reviewer sees it: what it is, its logical name, and what it is for.</summary>
public sealed record ResourceNote(string Section, string Name, string Type, string Purpose, bool IsExisting);

/// <summary>
/// What each resource is for, in the sections of the architecture, for <c>explain</c>. The stack's sections say it
/// next to the resource (<c>new Role(…).Purpose("…")</c>); this is our own bookkeeping, not part of the Pulumi
/// layer, so it reads the same on the Pulumi .NET SDK. One collection per run (an async-local).
/// </summary>
public static class ResourceNotes
{
    private static readonly AsyncLocal<Collector?> Current = new();

    /// <summary>Collects the notes of what <paramref name="build"/> creates.</summary>
    public static (T Result, IReadOnlyList<ResourceNote> Notes) Collect<T>(Func<T> build)
    {
        var collector = new Collector();
        Current.Value = collector;
        try
        {
            return (build(), collector.Notes);
        }
        finally
        {
            Current.Value = null;
        }
    }

    /// <summary>Starts a section of the architecture; resources described next are listed under it.</summary>
    public static void Section(string title)
    {
        if (Current.Value is { } collector)
        {
            collector.Section = title;
        }
    }

    /// <summary>Records what <paramref name="resource"/> is for and returns it.</summary>
    public static T Purpose<T>(this T resource, string purpose) where T : CustomResource
    {
        if (Current.Value is { } collector)
        {
            collector.Notes.Add(new ResourceNote(collector.Section, resource.GetResourceName(), resource.GetResourceType(), purpose, resource.IsExisting));
        }

        return resource;
    }

    private sealed class Collector
    {
        public string Section { get; set; } = "";

        public List<ResourceNote> Notes { get; } = [];
    }
}
