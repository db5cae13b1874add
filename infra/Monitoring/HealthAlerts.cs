using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Monitor.Inputs;
using SentinelAwsIac.Infra.Stack;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// Alerting on the worker's health table (worker mode, only when <c>alertEmail</c> is set): an action group that
/// emails the operator, and three scheduled query (log search) alert rules on the workspace — no health rows, lag
/// above the threshold, a partition failing — each evaluated every 5 minutes.
/// </summary>
public sealed record HealthAlerts(ActionGroup ActionGroup, IReadOnlyList<ScheduledQueryRule> Rules)
{
    /// <summary>How often each rule runs.</summary>
    public const int EvaluationMinutes = 5;

    public static readonly string EvaluationFrequency = $"PT{EvaluationMinutes}M";

    /// <summary>Time range each rule's query may read (windowSize); the queries narrow it with their thresholds.</summary>
    public static readonly string WindowSize = $"PT{HealthQueries.LookbackHours}H";

    public static HealthAlerts Create(StackSettings settings, AzureAccount azure, SentinelWorkspace workspace, WorkerTables tables, string alertEmail)
    {
        ResourceNotes.Section("Monitoring: alerts on the worker's health");

        // Action groups are global resources (location "Global"); the short name is at most 12 characters (Azure
        // Monitor action groups docs).
        var group = new ActionGroup("alertActionGroup", new ActionGroupArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = "Global",
            GroupShortName = "CloudTrail",
            Enabled = true,
            EmailReceivers = { new MicrosoftCommonEmailReceiverArgs { Name = "operator", EmailAddress = alertEmail, UseCommonAlertSchema = true } },
            Tags = ResourceTags.Of(settings),
        }).Purpose("Emails the operator (alertEmail) when an alert rule on the worker's health fires.");

        var rule = new RuleFactory(settings, azure, workspace, tables, group);
        var silence = settings.AlertSilenceMinutes;
        var lag = settings.AlertLagMinutes;
        var failing = settings.AlertFailingMinutes;
        ScheduledQueryRule[] rules =
        [
            // Count of result rows < 1: no health row within alertSilenceMinutes.
            rule.Create("healthSilentAlert", 1, "CloudTrail connector: no health rows",
                $"The worker wrote no health row for {silence} minutes: it stopped, or cannot reach the Logs Ingestion API.",
                HealthQueries.Silence(silence), "LessThan", 1, perPartition: false),
            rule.Create("lagAlert", 2, "CloudTrail connector: lag above threshold",
                $"A partition (AWS account and region) that is not parked lags behind CloudTrail by more than {lag} minutes.",
                HealthQueries.Lag(lag), "GreaterThan", 0, perPartition: true),
            rule.Create("failingAlert", 1, "CloudTrail connector: partition failing",
                $"A partition has been in state failing for {failing} minutes; its LastError says why, and the workbook's panel '{WorkerLogQueries.WarningsAndErrorsTitle}' shows the worker's log lines ({WorkerLogQueries.ConsoleTable}).",
                HealthQueries.FailingStreak(failing), "GreaterThan", 0, perPartition: true),
        ];
        return new HealthAlerts(group, rules);
    }

    private sealed class RuleFactory(StackSettings settings, AzureAccount azure, SentinelWorkspace workspace, WorkerTables tables, ActionGroup group)
    {
        public ScheduledQueryRule Create(string name, int severity, string displayName, string description, string query, string op, int threshold, bool perPartition)
        {
            var condition = new ConditionArgs
            {
                Query = query,
                // Count: the number of rows the query returns (per partition when split by the Partition dimension).
                TimeAggregation = "Count",
                Operator = op,
                Threshold = threshold,
                FailingPeriods = new ConditionFailingPeriodsArgs { NumberOfEvaluationPeriods = 1, MinFailingPeriodsToAlert = 1 },
            };
            if (perPartition)
            {
                // One alert per partition, so the email names the account and region.
                condition.Dimensions.Add(new DimensionArgs { Name = "Partition", Operator = "Include", Values = { "*" } });
            }

            return new ScheduledQueryRule(name, new ScheduledQueryRuleArgs
            {
                ResourceGroupName = azure.Group.Name,
                Location = workspace.Workspace.Location,
                Kind = "LogAlert",
                DisplayName = displayName,
                Description = description,
                Severity = severity,
                Enabled = true,
                Scopes = { workspace.Id },
                EvaluationFrequency = EvaluationFrequency,
                WindowSize = WindowSize,
                Criteria = new ScheduledQueryRuleCriteriaArgs { AllOf = { condition } },
                AutoMitigate = true,
                // A table created moments ago can take minutes to appear in the query schema (first rows of a new
                // table take ~15 min, docs/facts.md#logs-ingestion-api-requests-limits-and-roles), so the service's validation could reject a correct query on the first
                // `pulumi up`; the columns are checked by the stack's own tests (tests/Infra.Tests KqlColumnTests).
                SkipQueryValidation = true,
                Actions = new ActionsArgs { ActionGroups = { group.Id } },
                Tags = ResourceTags.Of(settings),
            }, new CustomResourceOptions { DependsOn = { tables.Health } })
                .Purpose($"Alert rule (severity {severity}): {description}");
        }
    }
}
