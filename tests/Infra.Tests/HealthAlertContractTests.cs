using System.Text.RegularExpressions;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>
/// The alert rules read what the worker writes. The worker's side is tested where it lives: a stopped data flow makes
/// the partition's rows say <see cref="HealthTable.States.Failing"/> (Connector.Tests HealthMonitorTests; end to end:
/// Integration.Tests HealthTests.Stopped_data_flow_shows_failing_rows…), and each row holds exactly the columns of
/// contracts <see cref="HealthTable"/> with values of their types (HealthRowWriterTests). This side: the deployed
/// queries compare State with exactly those contract values and read only those contract columns, so a stopped flow's
/// rows are the rows the failing rule counts. No query is executed here; the KQL itself is analysed by the Kusto
/// language service in the conformance gate (tests/Conformance/kql).
/// </summary>
public sealed partial class HealthAlertContractTests
{
    private static string AlertQuery(string rule) =>
        Emit.View(("alertEmail", "secops@example.com")).Properties(rule)["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>();

    [Fact]
    public void The_failing_rule_compares_State_only_with_the_failing_value_the_worker_writes()
    {
        var kql = WithoutComments(AlertQuery("failingAlert"));

        // Every string literal of the query is the contract's failing value (a typo or another casing would never match).
        var literals = Literal().Matches(kql).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([HealthTable.States.Failing, HealthTable.States.Failing], literals);
        // ...and each is compared with the State column: == starts the streak, != ends it.
        Assert.Contains($"State == \"{HealthTable.States.Failing}\"", kql, StringComparison.Ordinal);
        Assert.Contains($"State != \"{HealthTable.States.Failing}\"", kql, StringComparison.Ordinal);
        Assert.Single(HealthTable.Columns, c => c.Name == "State" && c.Type == ColumnType.String);
    }

    [Fact]
    public void The_failing_rule_reads_the_health_table_by_partition_state_and_time_and_alerts_per_partition()
    {
        var kql = WithoutComments(AlertQuery("failingAlert"));
        Assert.StartsWith(HealthTable.DefaultName, kql.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(["Partition", "State", "TimeGenerated"], ColumnsRead(kql));
        // The rows are grouped by Partition, the rule's dimension: one alert per stopped partition.
        Assert.Contains("by Partition", kql, StringComparison.Ordinal);
        var dimension = Emit.View(("alertEmail", "secops@example.com")).Properties("failingAlert")["criteria"]!["allOf"]![0]!["dimensions"]![0]!;
        Assert.Equal("Partition", dimension["name"]!.GetValue<string>());
        Assert.Single(HealthTable.Columns, c => c.Name == "TimeGenerated" && c.Type == ColumnType.DateTime);
    }

    [Fact]
    public void The_lag_rule_reads_LagSeconds_and_leaves_out_only_the_parked_value_the_worker_writes()
    {
        var kql = WithoutComments(AlertQuery("lagAlert"));
        Assert.Equal([HealthTable.States.Parked], Literal().Matches(kql).Select(m => m.Groups[1].Value));
        Assert.Contains($"State != \"{HealthTable.States.Parked}\"", kql, StringComparison.Ordinal);
        Assert.Equal(["LagSeconds", "NewestEventTime", "Partition", "State", "TimeGenerated"], ColumnsRead(kql));
        Assert.Single(HealthTable.Columns, c => c.Name == "LagSeconds" && c.Type == ColumnType.Real);
    }

    [Fact]
    public void The_states_are_four_distinct_lower_case_values()
    {
        string[] states = [HealthTable.States.Running, HealthTable.States.Throttled, HealthTable.States.Parked, HealthTable.States.Failing];
        Assert.Equal(4, states.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(states, s => Assert.Equal(s.ToLowerInvariant(), s));
        // The table's own description of the column names them, so the portal shows the same words.
        Assert.Equal(string.Join(", ", states[..3]) + " or " + states[3], HealthTable.Columns.Single(c => c.Name == "State").Description);
    }

    [Fact]
    public void The_column_reader_of_these_tests_sees_a_missing_column_and_a_wrong_literal()
    {
        // Guards the helpers above: a query on another column or value must not pass the checks.
        Assert.Equal(["Partition", "State"], ColumnsRead($"{HealthTable.DefaultName} | where State == \"Failing\" | summarize count() by Partition"));
        Assert.Equal(["Failing"], Literal().Matches(WithoutComments("x | where State == \"Failing\" // \"failing\"")).Select(m => m.Groups[1].Value));
    }

    /// <summary>Health table columns named in the query (outside strings and comments), sorted.</summary>
    private static List<string> ColumnsRead(string kql)
    {
        var names = HealthTable.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var code = Literal().Replace(WithoutComments(kql), "\"\"");
        return Identifier().Matches(code).Select(m => m.Value).Where(names.Contains).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string WithoutComments(string kql) => Comment().Replace(kql, "");

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex(@"""([^""\\]*)""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();
}
