using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class ColumnTests
{
    [Fact]
    public void Table_columns_and_DCR_stream_columns_are_the_contracts_list()
    {
        var program = Emit.View();
        var table = program.Properties("cloudTrailTable");
        Assert.Equal(CloudTrailTable.DefaultName, table["tableName"]!.GetValue<string>());
        var tableColumns = table["schema"]!["columns"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["type"]!.GetValue<string>())).ToList();

        var rule = program.Properties("ingestionRule");
        var declarations = rule["streamDeclarations"]!.AsObject();
        // The CloudTrail stream, and the health stream (HealthStreamTests).
        Assert.Equal(["Custom-" + CloudTrailTable.DefaultName, "Custom-" + HealthTable.DefaultName], declarations.Select(d => d.Key));
        var declaration = declarations["Custom-" + CloudTrailTable.DefaultName];
        var streamColumns = declaration!["columns"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["type"]!.GetValue<string>())).ToList();

        Assert.Equal(CloudTrailTable.Columns.Select(c => (c.Name, c.TableType)), tableColumns);
        Assert.Equal(CloudTrailTable.Columns.Select(c => (c.Name, c.StreamType)), streamColumns);
        // Same names in the same order; types differ only in the spelling each API uses for datetime.
        Assert.Equal(tableColumns.Select(c => c.Item1), streamColumns.Select(c => c.Item1));
        Assert.Equal(tableColumns.Select(c => c.Item2.ToLowerInvariant()), streamColumns.Select(c => c.Item2));
        Assert.Contains(("TimeGenerated", "dateTime"), tableColumns);
    }

    [Fact]
    public void One_flow_takes_the_declared_stream_to_the_workspace_after_the_table_exists()
    {
        var program = Emit.View(("tableName", "CloudTrailEvents_CL"));
        var rule = program.Properties("ingestionRule");
        var destination = Assert.Single(rule["destinations"]!["logAnalytics"]!.AsArray())!;
        Assert.Equal("${logAnalyticsWorkspace.id}", destination["workspaceResourceId"]!.GetValue<string>());
        var flow = rule["dataFlows"]!.AsArray().Single(f => f!["streams"]![0]!.GetValue<string>() != "Custom-" + HealthTable.DefaultName)!;
        Assert.Equal(["Custom-CloudTrailEvents_CL"], flow["streams"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal([destination["name"]!.GetValue<string>()], flow["destinations"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("Custom-CloudTrailEvents_CL", flow["outputStream"]!.GetValue<string>());
        Assert.Equal("${ingestionEndpoint.id}", rule["dataCollectionEndpointId"]!.GetValue<string>());
        Assert.Contains("${cloudTrailTable}", program.Resource("ingestionRule")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("CloudTrailEvents_CL", program.Properties("cloudTrailTable")["tableName"]!.GetValue<string>());
    }

    [Fact]
    public void Built_in_destination_writes_to_the_AWSCloudTrail_stream_and_creates_no_table()
    {
        var program = Emit.View(("destination", "builtInTable"));
        // Only the health table, which stays custom (HealthStreamTests).
        Assert.Equal(["connectorHealthTable"], program.OfType("azure-native:operationalinsights:Table").Select(t => t.Name));
        var flow = program.Properties("ingestionRule")["dataFlows"]![0]!;
        Assert.Equal(CloudTrailTable.BuiltInOutputStream, flow["outputStream"]!.GetValue<string>());
        Assert.Equal(["${connectorHealthTable}"], program.Resource("ingestionRule")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("AWSCloudTrail", program.Outputs["table"]!.GetValue<string>());
    }
}
