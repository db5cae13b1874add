using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The worker's health rows: their table, their stream in the same DCR, their flow, and the app setting.</summary>
public sealed class HealthStreamTests
{
    private static readonly string HealthStream = "Custom-" + HealthTable.DefaultName;

    [Theory]
    [InlineData("customTable")]
    [InlineData("builtInTable")]
    public void Health_table_stream_and_flow_use_the_HealthTable_columns_in_every_destination_mode(string destination)
    {
        var program = Emit.View(("destination", destination));
        var table = program.Properties("connectorHealthTable");
        Assert.Equal(HealthTable.DefaultName, table["tableName"]!.GetValue<string>());
        Assert.Equal("Analytics", table["plan"]!.GetValue<string>());
        var tableColumns = table["schema"]!["columns"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["type"]!.GetValue<string>()));
        Assert.Equal(HealthTable.Columns.Select(c => (c.Name, c.TableType)), tableColumns);

        var rule = program.Properties("ingestionRule");
        var declarations = rule["streamDeclarations"]!.AsObject();
        Assert.Equal(2, declarations.Count);
        var streamColumns = declarations[HealthStream]!["columns"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["type"]!.GetValue<string>()));
        Assert.Equal(HealthTable.Columns.Select(c => (c.Name, c.StreamType)), streamColumns);

        // The health flow goes to the same workspace destination, into its own custom table, unchanged.
        var flows = rule["dataFlows"]!.AsArray();
        Assert.Equal(2, flows.Count);
        var destinationName = rule["destinations"]!["logAnalytics"]![0]!["name"]!.GetValue<string>();
        var health = Assert.Single(flows, f => f!["streams"]![0]!.GetValue<string>() == HealthStream)!;
        Assert.Equal(HealthStream, health["outputStream"]!.GetValue<string>());
        Assert.Equal([destinationName], health["destinations"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("source", health["transformKql"]!.GetValue<string>());

        // As for the CloudTrail table: the rule is created after the tables its flows write to.
        var dependsOn = program.Resource("ingestionRule")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        Assert.Contains("${connectorHealthTable}", dependsOn);
        Assert.Equal(destination == "customTable", dependsOn.Contains("${cloudTrailTable}"));
        Assert.Equal(destination == "customTable" ? 2 : 1, dependsOn.Count);
    }

    [Fact]
    public void The_worker_gets_the_health_stream_name_and_sentinel_mode_has_no_health_table()
    {
        var settings = Emit.View().Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());
        Assert.Equal(HealthStream, settings[WorkerSettings.AsEnvironmentName(WorkerSettings.HealthStreamName)]);
        Assert.Equal("Sink__HealthStreamName", WorkerSettings.AsEnvironmentName(WorkerSettings.HealthStreamName));

        var sentinel = Emit.View(("mode", "sentinel"));
        Assert.DoesNotContain(sentinel.OfType("azure-native:operationalinsights:Table"), t => t.Name == "connectorHealthTable");
    }

    [Fact]
    public void A_table_name_equal_to_the_health_table_is_refused()
    {
        var error = Assert.Throws<SentinelAwsIac.Infra.Config.ConfigException>(() => Emit.Build(("tableName", HealthTable.DefaultName)));
        Assert.Contains("health table", error.Message, StringComparison.Ordinal);
    }
}
