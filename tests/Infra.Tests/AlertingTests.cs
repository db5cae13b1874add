using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>Alerting on the health table: it exists only with alertEmail, emails that address, and its thresholds
/// are the configured minutes (or their defaults), written into the rules as literals.</summary>
public sealed class AlertingTests
{
    private const string Email = "secops@example.com";
    private static readonly string[] Rules = ["healthSilentAlert", "lagAlert", "failingAlert"];

    [Theory]
    [InlineData("worker-default")]
    [InlineData("worker-accessKey")]
    [InlineData("worker-builtInTable-no-sentinel")]
    [InlineData("sentinel")]
    public void Without_alertEmail_there_is_no_action_group_and_no_alert_rule(string mode)
    {
        var program = Emit.View(Emit.Modes[mode]);
        Assert.Empty(program.OfType("azure-native:monitor:ActionGroup"));
        Assert.Empty(program.OfType("azure-native:monitor:ScheduledQueryRule"));
        Assert.False(program.Config.ContainsKey(ConfigKeys.AlertEmail.Key));
    }

    [Fact]
    public void With_alertEmail_an_action_group_emails_it_and_three_rules_watch_the_health_table()
    {
        var program = Emit.View(("alertEmail", Email));
        var (groupName, group) = Assert.Single(program.OfType("azure-native:monitor:ActionGroup"));
        var receiver = Assert.Single(group["properties"]!["emailReceivers"]!.AsArray())!;
        // The address is not secret: the program holds it as a literal (the pull request shows it), not a reference.
        Assert.Equal(Email, receiver["emailAddress"]!.GetValue<string>());
        Assert.Empty(program.Config);
        Assert.True(group["properties"]!["groupShortName"]!.GetValue<string>().Length <= 12);

        var rules = program.OfType("azure-native:monitor:ScheduledQueryRule").ToDictionary(r => r.Name, r => r.Resource);
        Assert.Equal(Rules.Order(), rules.Keys.Order());
        foreach (var (name, rule) in rules)
        {
            var properties = rule["properties"]!;
            Assert.Equal(["${logAnalyticsWorkspace.id}"], properties["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Equal([$"${{{groupName}.id}}"], properties["actions"]!["actionGroups"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Equal(["${connectorHealthTable}"], rule["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
            Assert.True(properties["enabled"]!.GetValue<bool>(), name);
            var condition = Assert.Single(properties["criteria"]!["allOf"]!.AsArray())!;
            Assert.StartsWith(HealthTable.DefaultName, condition["query"]!.GetValue<string>().Split('\n').First(l => !l.StartsWith("//", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Equal("Count", condition["timeAggregation"]!.GetValue<string>());
        }

        // Silence: fewer than one row; lag and failing: any row, one alert per partition.
        var silence = rules["healthSilentAlert"]["properties"]!["criteria"]!["allOf"]![0]!;
        Assert.Equal(("LessThan", 1), (silence["operator"]!.GetValue<string>(), silence["threshold"]!.GetValue<int>()));
        Assert.Null(silence["dimensions"]);
        foreach (var name in new[] { "lagAlert", "failingAlert" })
        {
            var condition = rules[name]["properties"]!["criteria"]!["allOf"]![0]!;
            Assert.Equal(("GreaterThan", 0), (condition["operator"]!.GetValue<string>(), condition["threshold"]!.GetValue<int>()));
            Assert.Equal("Partition", condition["dimensions"]![0]!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Thresholds_are_the_configured_minutes_or_their_defaults_written_into_the_queries()
    {
        var program = Emit.View(("alertEmail", Email), ("alertLagMinutes", "120"));
        var silence = ConfigKeys.AlertSilenceMinutes.Default;
        var failing = ConfigKeys.AlertFailingMinutes.Default;
        Assert.Equal((15, 15), (silence, failing));
        var expected = new Dictionary<string, string[]>
        {
            ["healthSilentAlert"] = [$"ago({silence}m)"],
            ["lagAlert"] = ["LagSeconds > 120 * 60"],
            ["failingAlert"] = [$"FailingSince <= ago({failing}m)", $"ago(2 * {failing}m)"],
        };
        foreach (var (rule, phrases) in expected)
        {
            var query = program.Properties(rule)["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>();
            Assert.All(phrases, phrase => Assert.Contains(phrase, query, StringComparison.Ordinal));
            Assert.DoesNotContain("${", query, StringComparison.Ordinal);
        }

        Assert.Contains("more than 120 minutes", program.Properties("lagAlert")["description"]!.GetValue<string>(), StringComparison.Ordinal);
        // Nothing stays a config reference the engine could retype (tests/Conformance/pulumi-yaml/RULES.md R2).
        Assert.Empty(program.Config);
        // The failing streak is looked for over twice its length, which the rule's window must cover (180 × 2 = 6 h).
        Assert.Equal("PT6H", program.Properties("failingAlert")["windowSize"]!.GetValue<string>());
    }

    [Fact]
    public void The_lag_rule_leaves_parked_partitions_out_and_the_failing_rule_needs_the_newest_row_failing()
    {
        var program = Emit.View(("alertEmail", Email));
        var lag = program.Properties("lagAlert")["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>();
        Assert.Contains("State != \"parked\"", lag, StringComparison.Ordinal);
        var failing = program.Properties("failingAlert")["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>();
        Assert.Contains("State == \"failing\"", failing, StringComparison.Ordinal);
        Assert.Contains("LastNotFailing < TimeGenerated", failing, StringComparison.Ordinal);
    }
}
