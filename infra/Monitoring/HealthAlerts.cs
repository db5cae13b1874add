using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Stack;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// Alerting on the worker's health table (worker mode, only when <c>alertEmail</c> is set): an action group that
/// emails the operator, and three scheduled query (log search) alert rules on the workspace — no health rows, lag
/// above the threshold, a partition failing — each evaluated every 5 minutes.
/// </summary>
public static class HealthAlerts
{
    /// <summary>How often each rule runs.</summary>
    public const int EvaluationMinutes = 5;

    public static readonly string EvaluationFrequency = $"PT{EvaluationMinutes}M";

    /// <summary>Time range each rule's query may read (windowSize); the queries narrow it with their thresholds.</summary>
    public static readonly string WindowSize = $"PT{HealthQueries.LookbackHours}H";

    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        program.Section("Monitoring: alerts on the worker's health");

        // Action groups are global resources (location "Global"); the short name is at most 12 characters (Azure
        // Monitor action groups docs).
        program.Resource(Names.AlertActionGroup, "azure-native:monitor:ActionGroup", "Emails the operator (alertEmail) when an alert rule on the worker's health fires.", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = "Global",
            ["groupShortName"] = "CloudTrail",
            ["enabled"] = true,
            ["emailReceivers"] = new JsonArray(new JsonObject
            {
                ["name"] = "operator",
                ["emailAddress"] = program.Config(ConfigKeys.AlertEmail),
                ["useCommonAlertSchema"] = true,
            }),
        }));

        var silence = program.Config(ConfigKeys.AlertSilenceMinutes, "integer", ConfigKeys.DefaultSilenceMinutes);
        var lag = program.Config(ConfigKeys.AlertLagMinutes, "integer", ConfigKeys.DefaultLagMinutes);
        var failing = program.Config(ConfigKeys.AlertFailingMinutes, "integer", ConfigKeys.DefaultFailingMinutes);

        // Count of result rows < 1: no health row within alertSilenceMinutes.
        Rule(stack, Names.HealthSilentAlert, 1, "CloudTrail connector: no health rows",
            $"The worker wrote no health row for {silence} minutes: it stopped, or cannot reach the Logs Ingestion API.",
            HealthQueries.Silence(silence), "LessThan", 1, perPartition: false);
        Rule(stack, Names.LagAlert, 2, "CloudTrail connector: lag above threshold",
            $"A partition (AWS account and region) that is not parked lags behind CloudTrail by more than {lag} minutes.",
            HealthQueries.Lag(lag), "GreaterThan", 0, perPartition: true);
        Rule(stack, Names.FailingAlert, 1, "CloudTrail connector: partition failing",
            $"A partition has been in state failing for {failing} minutes; its LastError says why.",
            HealthQueries.FailingStreak(failing), "GreaterThan", 0, perPartition: true);
    }

    private static void Rule(StackContext stack, string name, int severity, string displayName, string description, string query, string op, int threshold, bool perPartition)
    {
        var condition = new JsonObject
        {
            ["query"] = query,
            // Count: the number of rows the query returns (per partition when split by the Partition dimension).
            ["timeAggregation"] = "Count",
            ["operator"] = op,
            ["threshold"] = threshold,
            ["failingPeriods"] = new JsonObject { ["numberOfEvaluationPeriods"] = 1, ["minFailingPeriodsToAlert"] = 1 },
        };
        if (perPartition)
        {
            // One alert per partition, so the email names the account and region.
            condition["dimensions"] = new JsonArray(new JsonObject { ["name"] = "Partition", ["operator"] = "Include", ["values"] = List("*") });
        }

        stack.Program.Resource(name, "azure-native:monitor:ScheduledQueryRule", $"Alert rule (severity {severity}): {description}", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.Workspace, "location"),
            ["kind"] = "LogAlert",
            ["displayName"] = displayName,
            ["description"] = description,
            ["severity"] = severity,
            ["enabled"] = true,
            ["scopes"] = List(Ref(Names.WorkspaceId)),
            ["evaluationFrequency"] = EvaluationFrequency,
            ["windowSize"] = WindowSize,
            ["criteria"] = new JsonObject { ["allOf"] = new JsonArray(condition) },
            ["autoMitigate"] = true,
            // A table created moments ago can take minutes to appear in the query schema (FACTS.md: first rows of a
            // new table take ~15 min), so the service's validation could reject a correct query on the first
            // `pulumi up`; the columns are checked by the stack's own tests (tests/Infra.Tests KqlColumnTests).
            ["skipQueryValidation"] = true,
            ["actions"] = new JsonObject { ["actionGroups"] = List(Ref(Names.AlertActionGroup, "id")) },
        }), StackContext.DependsOn(Names.HealthTable));
    }
}
