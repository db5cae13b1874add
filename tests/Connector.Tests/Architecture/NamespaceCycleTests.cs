using SentinelAwsIac.Connector.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Architecture;

/// <summary>The connector's folders depend on each other in one direction only: Core at the bottom, Hosting at the top. A
/// cycle (Pipeline ↔ Sink, Source ↔ Pipeline, …) would let a change in one folder ripple back into itself.</summary>
public sealed class NamespaceCycleTests
{
    [Fact]
    public void The_connector_folders_depend_on_each_other_without_a_cycle()
    {
        var graph = FolderDependencies.Read(Path.Combine(RepoPaths.Root, "connector"));
        Assert.Contains("Core", graph.Keys);
        Assert.Contains("Pipeline", graph["Hosting"]); // the scan sees real references
        var cycle = FolderDependencies.FindCycle(graph);
        Assert.True(cycle is null, $"namespace cycle between connector folders: {string.Join(" → ", cycle ?? [])}. " +
            "Move the shared type to connector/Core, or let the host compose the two.");
    }

    [Fact]
    public void Core_depends_on_no_other_folder()
    {
        var graph = FolderDependencies.Read(Path.Combine(RepoPaths.Root, "connector"));
        Assert.Empty(graph["Core"]);
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_and_names_it()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Hosting"] = new HashSet<string> { "Pipeline", "Sink" },
            ["Pipeline"] = new HashSet<string> { "Sink", "Core" },
            ["Sink"] = new HashSet<string> { "Core", "Pipeline" },
            ["Core"] = new HashSet<string>(),
        };
        Assert.Equal(["Pipeline", "Sink", "Pipeline"], FolderDependencies.FindCycle(graph));
        ((HashSet<string>)graph["Sink"]).Remove("Pipeline");
        Assert.Null(FolderDependencies.FindCycle(graph));
    }

    [Theory]
    [InlineData("using SentinelAwsIac.Connector.Pipeline;\nclass A {}", "Pipeline")]
    [InlineData("class A { object x = SentinelAwsIac.Connector.Sink.BatchingSink.Name; }", "Sink")]
    public void A_reference_is_seen_in_each_form(string source, string folder)
    {
        var folders = new HashSet<string> { "Pipeline", "Sink", "Core" };
        Assert.Equal([folder], FolderDependencies.References(source, folders).Distinct());
    }

    [Theory]
    [InlineData("// using SentinelAwsIac.Connector.Pipeline;\nclass A {}")]
    [InlineData("class A { object x = options.Sink.Endpoint; object y = Pipeline.SendAsync(m); }")]
    public void Comments_members_and_text_are_no_reference(string source)
    {
        var folders = new HashSet<string> { "Pipeline", "Sink", "Core" };
        Assert.Empty(FolderDependencies.References(source, folders));
    }
}
