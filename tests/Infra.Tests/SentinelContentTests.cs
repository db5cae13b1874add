using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The workbook, the saved query and the AWSCloudTrailAll function.</summary>
public sealed class SentinelContentTests
{
    [Fact]
    public void The_workbook_is_a_shared_Sentinel_workbook_of_the_workspace_with_the_seeds_view()
    {
        var program = Emit.View();
        var workbook = program.Properties("cloudTrailWorkbook");
        Assert.Equal("shared", workbook["kind"]!.GetValue<string>());
        Assert.Equal("sentinel", workbook["category"]!.GetValue<string>());
        Assert.Equal("${logAnalyticsWorkspace.id}", workbook["sourceId"]!.GetValue<string>());
        // Workbook resource names are GUIDs: a random UUID, kept in the state.
        Assert.Equal("${workbookId.result}", workbook["resourceName"]!.GetValue<string>());
        Assert.Equal("random:RandomUuid", program.Resource("workbookId")["type"]!.GetValue<string>());

        var document = workbook["serializedData"]!["fn::toJSON"]!;
        Assert.Equal("Notebook/1.0", document["version"]!.GetValue<string>());
        Assert.Equal(["${logAnalyticsWorkspace.id}"], document["fallbackResourceIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        var queries = document["items"]!.AsArray().Where(i => i!["type"]!.GetValue<int>() == 3).ToDictionary(i => i!["name"]!.GetValue<string>(), i => i!["content"]!);
        Assert.Equal(["events-per-day", "events-by-region", "events-by-source", "events-by-error-code", "lag-over-time", "partitions-now", "worker-warnings"], queries.Keys);

        // Events per day, 30 days, empty days as 0 (make-series default), read through the function.
        var perDay = queries["events-per-day"]["query"]!.GetValue<string>();
        Assert.Contains("make-series Events = count() default = 0 on TimeGenerated from Start to End step 1d", perDay, StringComparison.Ordinal);
        Assert.Contains("startofday(ago(29d))", perDay, StringComparison.Ordinal);
        Assert.StartsWith(CloudTrailQueries.FunctionAlias, perDay.Split('\n').First(l => !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith("let ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("timechart", queries["events-per-day"]["visualization"]!.GetValue<string>());
        Assert.Contains("by AWSRegion", queries["events-by-region"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("by EventSource", queries["events-by-source"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("by ErrorCode", queries["events-by-error-code"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(HealthTable.DefaultName, queries["lag-over-time"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("LagSeconds", queries["lag-over-time"]["query"]!.GetValue<string>(), StringComparison.Ordinal);
        // The worker's own warnings and errors: its console lines, parsed as the JSON objects it writes.
        var warnings = queries["worker-warnings"]["query"]!.GetValue<string>();
        Assert.StartsWith(WorkerLogQueries.ConsoleTable, warnings, StringComparison.Ordinal);
        Assert.Contains("parse_json(ResultDescription)", warnings, StringComparison.Ordinal);
        Assert.Contains("Partition = tostring(Line.State.Partition)", warnings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_saved_query_is_the_workbooks_events_per_day_query_as_a_chart()
    {
        var program = Emit.View();
        var search = program.Properties("eventsPerDaySearch");
        var workbookQuery = program.Properties("cloudTrailWorkbook")["serializedData"]!["fn::toJSON"]!["items"]!.AsArray()
            .Single(i => i!["name"]!.GetValue<string>() == "events-per-day")!["content"]!["query"]!.GetValue<string>();
        Assert.Equal(workbookQuery + "\n| render timechart", search["query"]!.GetValue<string>());
        Assert.Null(search["functionAlias"]);
        Assert.Equal("${resourceGroup.name}", search["resourceGroupName"]!.GetValue<string>());
        Assert.Equal("${logAnalyticsWorkspace.name}", search["workspaceName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("customTable", "AWSCloudTrail_CL")]
    [InlineData("builtInTable", null)]
    public void The_function_projects_the_shared_columns_of_every_table_and_tolerates_a_missing_one(string destination, string? customTable)
    {
        var program = Emit.View(("destination", destination));
        var function = program.Properties("cloudTrailAllFunction");
        Assert.Equal(CloudTrailQueries.FunctionAlias, function["functionAlias"]!.GetValue<string>());
        var query = function["query"]!.GetValue<string>();
        Assert.Contains("union isfuzzy=true", query, StringComparison.Ordinal);

        var projection = "project " + string.Join(", ", CloudTrailTable.Columns.Select(c => c.Name)) + ")";
        var legs = query.Split('\n').Where(l => l.TrimStart().StartsWith('(')).Select(l => l.Trim().TrimEnd(',')).ToList();
        string[] tables = customTable is null ? ["AWSCloudTrail"] : [customTable, "AWSCloudTrail"];
        Assert.Equal(tables.Select(t => $"({t} | {projection}"), legs);

        // The workbook and saved query read it, after it exists; it is saved after the custom table exists.
        Assert.Equal(["${cloudTrailAllFunction}"], program.Resource("cloudTrailWorkbook")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
        var after = program.Resource("cloudTrailAllFunction")["options"]!["dependsOn"];
        Assert.Equal(customTable is null ? null : "${cloudTrailTable}", after?[0]!.GetValue<string>());
    }

    [Fact]
    public void Sentinel_mode_has_the_workbook_and_saved_query_on_the_built_in_table_but_no_function_or_health()
    {
        var program = Emit.View(("mode", "sentinel"));
        Assert.Equal(["eventsPerDaySearch"], program.OfType("azure-native:operationalinsights:SavedSearch").Select(s => s.Name));
        var items = program.Properties("cloudTrailWorkbook")["serializedData"]!["fn::toJSON"]!["items"]!.AsArray()
            .Where(i => i!["type"]!.GetValue<int>() == 3).Select(i => i!["content"]!["query"]!.GetValue<string>()).ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, q => Assert.Contains("\nAWSCloudTrail\n", "\n" + q + "\n", StringComparison.Ordinal));
        Assert.DoesNotContain(items, q => q.Contains(HealthTable.DefaultName, StringComparison.Ordinal));
        Assert.Contains("\nAWSCloudTrail\n", program.Properties("eventsPerDaySearch")["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
