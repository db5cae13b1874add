using System.Text.RegularExpressions;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>Every KQL text the stack deploys (alert rules, saved searches, the function, the workbook's queries) and
/// the documented detection rule use only column names of the shared lists (contracts CloudTrailTable, HealthTable).</summary>
public sealed partial class KqlColumnTests
{
    public static TheoryData<string, string> Configs => new()
    {
        { "worker-alerts", "alertEmail=secops@example.com" },
        { "worker-builtIn-alerts", "destination=builtInTable;alertEmail=secops@example.com" },
        { "worker-named-table", "tableName=CloudTrailMgmt_CL" },
        { "sentinel", "mode=sentinel" },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Every_deployed_query_uses_only_shared_column_names(string name, string entries)
    {
        var config = entries.Split(';').Select(e => e.Split('=', 2)).Select(p => (p[0], p[1])).ToArray();
        var program = Emit.View(config);
        var table = config.FirstOrDefault(c => c.Item1 == "tableName").Item2 ?? CloudTrailTable.DefaultName;
        var queries = Queries(program).ToList();

        // worker: 3 alert rules (with alertEmail) + function + saved query + 7 workbook queries; sentinel: saved query + 4.
        var expected = name switch { "sentinel" => 5, "worker-named-table" => 9, _ => 12 };
        Assert.Equal(expected, queries.Count);
        foreach (var (where, kql) in queries)
        {
            AssertKnownColumns(where, kql, table);
        }
    }

    [Fact]
    public void The_documented_detection_rule_uses_only_shared_column_names()
    {
        var doc = File.ReadAllText(Path.Combine(Repo.Root, "docs", "stack", "monitoring.md"));
        var blocks = KustoBlock().Matches(doc).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        foreach (var kql in blocks)
        {
            if (kql.StartsWith(WorkerLogQueries.ConsoleTable, StringComparison.Ordinal))
            {
                // The worker's log panel, shown as deployed (the gate analyses it against Microsoft's table schema).
                Assert.Equal(WorkerLogQueries.WarningsAndErrors.Trim(), kql.Trim());
                continue;
            }

            Assert.Contains(CloudTrailQueries.FunctionAlias, kql, StringComparison.Ordinal);
            AssertKnownColumns("docs/stack/monitoring.md", kql, CloudTrailTable.DefaultName);
        }
    }

    [Fact]
    public void The_check_catches_a_misspelled_column_a_column_of_the_other_table_and_an_unknown_function()
    {
        var strangers = Strangers($"{HealthTable.DefaultName} | where LagSecs > 5 and EventName == \"x\" | extend Minutes = LagSeconds / 60 | project Minutes, Partition", CloudTrailTable.DefaultName, out var functions);
        Assert.Equal(["LagSecs", "EventName"], strangers);
        Assert.Empty(functions);
        Assert.Equal(["NoSuchTable"], Strangers("AWSCloudTrailAll | join (NoSuchTable) on AwsEventId", CloudTrailTable.DefaultName, out _));

        KqlIdentifiers.Unknown("AWSCloudTrail | extend X = tolowr(EventName) | where X has \"Delete\" // State is ignored in comments", out functions);
        Assert.Equal(["tolowr"], functions);

        // Strings, properties after a dot and ${…} interpolations are not identifiers.
        var none = KqlIdentifiers.Unknown("let Start = ago(${alertSilenceMinutes}m); AWSCloudTrail | where tostring(parse_json(ResponseElements).ConsoleLogin) == 'Success Bogus'", out _);
        Assert.Equal(["AWSCloudTrail", "ResponseElements"], none);
    }

    private static void AssertKnownColumns(string where, string kql, string customTable)
    {
        var strangers = Strangers(kql, customTable, out var functions);
        Assert.True(functions.Count == 0, $"{where}: unknown KQL functions {string.Join(", ", functions)} (add them to KqlIdentifiers.Functions if they are real)\n{kql}");
        Assert.True(strangers.Count == 0, $"{where}: {string.Join(", ", strangers)} is neither a table nor a column of the table the query reads\n{kql}");
    }

    /// <summary>Identifiers that are not a table, nor a column of the table(s) the query reads: CloudTrailTable's
    /// columns for the CloudTrail tables and the function, HealthTable's for the health table.</summary>
    private static List<string> Strangers(string kql, string customTable, out IReadOnlyList<string> functions)
    {
        var unknown = KqlIdentifiers.Unknown(kql, out functions);
        if (unknown.Contains(WorkerLogQueries.ConsoleTable))
        {
            // The worker's console lines: App Service's table, whose full schema the conformance gate checks against
            // Microsoft's table reference; the query reads only the line and its time, the rest is the line's JSON.
            return unknown.Where(u => u is not (WorkerLogQueries.ConsoleTable or "TimeGenerated" or "ResultDescription")).ToList();
        }

        string[] cloudTrailSources = [customTable, CloudTrailQueries.BuiltInTable, CloudTrailQueries.FunctionAlias];
        var readsHealth = unknown.Contains(HealthTable.DefaultName);
        var readsCloudTrail = unknown.Any(cloudTrailSources.Contains);
        Assert.True(readsHealth || readsCloudTrail, $"the query reads no known table\n{kql}");

        var allowed = new HashSet<string>(cloudTrailSources.Append(HealthTable.DefaultName), StringComparer.Ordinal);
        allowed.UnionWith((readsHealth ? HealthTable.Columns : []).Concat(readsCloudTrail ? CloudTrailTable.Columns : []).Select(c => c.Name));
        return unknown.Where(u => !allowed.Contains(u)).ToList();
    }

    /// <summary>Every KQL text in the program, with where it is.</summary>
    internal static IEnumerable<(string Where, string Kql)> Queries(ProgramView program)
    {
        foreach (var (name, rule) in program.OfType("azure-native:monitor:ScheduledQueryRule"))
        {
            foreach (var condition in rule["properties"]!["criteria"]!["allOf"]!.AsArray())
            {
                yield return (name, condition!["query"]!.GetValue<string>());
            }
        }

        foreach (var (name, search) in program.OfType("azure-native:operationalinsights:SavedSearch"))
        {
            yield return (name, search["properties"]!["query"]!.GetValue<string>());
        }

        foreach (var (name, workbook) in program.OfType("azure-native:applicationinsights:Workbook"))
        {
            foreach (var item in workbook["properties"]!["serializedData"]!["fn::toJSON"]!["items"]!.AsArray().Where(i => i!["type"]!.GetValue<int>() == 3))
            {
                yield return ($"{name}/{item!["name"]}", item["content"]!["query"]!.GetValue<string>());
            }
        }
    }

    [GeneratedRegex(@"```kusto\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex KustoBlock();
}
