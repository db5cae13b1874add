using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Diff;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary><c>infra/compile diff</c>: two programs in, the added, removed and changed entries out, with property
/// paths and values before and after; secrets stay references; no claim of replacement.</summary>
public sealed class ProgramDiffTests
{
    private const string Base = """
        {
          "name": "p",
          "config": { "externalId": { "type": "string", "secret": true, "default": "base-default-value" } },
          "variables": {
            "trust": { "fn::invoke": { "function": "aws:iam:getPolicyDocument", "arguments": { "statements": [ { "actions": ["sts:AssumeRole"], "principals": [ { "type": "AWS", "identifiers": ["${broker.arn}"] } ] } ] }, "return": "json" } }
          },
          "resources": {
            "readerRole": { "type": "aws:iam:Role", "properties": { "maxSessionDuration": 3600, "tags": { "environment": "dev" }, "assumeRolePolicy": "${trust}" } },
            "oldBucket": { "type": "azure-native:storage:BlobContainer", "properties": { "containerName": "old" } },
            "workbook": { "type": "azure-native:applicationinsights:Workbook", "properties": { "serializedData": "{\"items\":[{\"query\":\"T | count\"}]}" } },
            "rule": { "type": "azure-native:monitor:ScheduledQueryRule", "properties": { "query": "Health\n| where State == 'failing'" } }
          },
          "outputs": { "externalId": { "fn::secret": "${externalIdValue}" }, "readerRoleArn": "${readerRole.arn}" }
        }
        """;

    private const string Head = """
        {
          "name": "p",
          "config": { "externalId": { "type": "string", "secret": true, "default": "head-default-value" } },
          "variables": {
            "trust": { "fn::invoke": { "function": "aws:iam:getPolicyDocument", "arguments": { "statements": [ { "actions": ["sts:AssumeRole", "sts:TagSession"], "principals": [ { "type": "AWS", "identifiers": ["${broker.arn}"] } ] } ] }, "return": "json" } }
          },
          "resources": {
            "readerRole": { "type": "aws:iam:Role", "properties": { "maxSessionDuration": 7200, "tags": { "environment": "prod", "owner": "secops" }, "assumeRolePolicy": "${trust}" } },
            "actionGroup": { "type": "azure-native:monitor:ActionGroup", "properties": { "emailReceivers": [ { "emailAddress": "${alertEmail}" } ] } },
            "workbook": { "type": "azure-native:applicationinsights:Workbook", "properties": { "serializedData": "{\"items\":[{\"query\":\"T | count\"},{\"query\":\"U\"}]}" } },
            "rule": { "type": "azure-native:monitor:ScheduledQueryRule", "properties": { "query": "Health\n| where State == 'parked'" } }
          },
          "outputs": { "externalId": { "fn::secret": "${otherExternalId}" }, "readerRoleArn": "${readerRole.arn}", "leaked": { "fn::secret": "literal-value-9f2" } }
        }
        """;

    private static IReadOnlyList<SectionDiff> Compare() => ProgramDiff.Compare(JsonNode.Parse(Base), JsonNode.Parse(Head));

    private static SectionDiff Section(string name) => Compare().Single(s => s.Section == name);

    [Fact]
    public void An_added_resource_is_listed_with_its_type_and_properties()
    {
        var added = Assert.Single(Section("resources").Added);
        Assert.Equal("actionGroup", added.Name);
        Assert.Equal("azure-native:monitor:ActionGroup", added.Type);
        var leaf = Assert.Single(added.Leaves, l => l.Path == "properties.emailReceivers[0].emailAddress");
        Assert.Null(leaf.Before);
        Assert.Equal("\"${alertEmail}\"", leaf.After);
    }

    [Fact]
    public void A_removed_resource_is_listed_with_its_values_before()
    {
        var removed = Assert.Single(Section("resources").Removed);
        Assert.Equal("oldBucket", removed.Name);
        var leaf = Assert.Single(removed.Leaves);
        Assert.Equal(("properties.containerName", "\"old\"", (string?)null), (leaf.Path, leaf.Before, leaf.After));
    }

    [Fact]
    public void A_changed_resource_names_each_changed_path_with_before_and_after()
    {
        var role = Section("resources").Changed.Single(c => c.Name == "readerRole");
        Assert.Equal("aws:iam:Role", role.Type);
        Assert.Equal(
            [
                new PropertyChange("properties.maxSessionDuration", "3600", "7200"),
                new PropertyChange("properties.tags.environment", "\"dev\"", "\"prod\""),
                new PropertyChange("properties.tags.owner", null, "\"secops\""),
            ],
            role.Changes);
    }

    [Fact]
    public void Nested_properties_inside_arrays_and_invokes_get_full_paths()
    {
        var trust = Assert.Single(Section("variables").Changed);
        Assert.Equal("trust", trust.Name);
        var change = Assert.Single(trust.Changes);
        Assert.Equal("fn::invoke.arguments.statements[0].actions[1]", change.Path);
        Assert.Null(change.Before);
        Assert.Equal("\"sts:TagSession\"", change.After);
    }

    [Fact]
    public void Json_held_in_a_string_is_compared_inside()
    {
        var workbook = Section("resources").Changed.Single(c => c.Name == "workbook");
        var change = Assert.Single(workbook.Changes);
        Assert.Equal("properties.serializedData(json).items[1].query", change.Path);
        Assert.Equal("\"U\"", change.After);
    }

    [Fact]
    public void Secrets_stay_references_and_literal_secrets_are_masked()
    {
        var outputs = Section("outputs");
        var externalId = Assert.Single(outputs.Changed);
        var change = Assert.Single(externalId.Changes);
        Assert.Equal("{\"fn::secret\":\"${externalIdValue}\"}", change.Before);
        Assert.Equal("{\"fn::secret\":\"${otherExternalId}\"}", change.After);

        var leaked = Assert.Single(outputs.Added);
        Assert.Equal("{\"fn::secret\":\"[secret]\"}", Assert.Single(leaked.Leaves).After);

        var config = Assert.Single(Section("config").Changed);
        Assert.All(config.Changes, c => Assert.Equal("\"[secret]\"", c.After));

        var report = DiffReport.Write("t", Compare());
        Assert.DoesNotContain("literal-value-9f2", report);
        Assert.DoesNotContain("head-default-value", report);
        Assert.DoesNotContain("base-default-value", report);
        Assert.Contains("${otherExternalId}", report);
    }

    [Fact]
    public void Report_shows_paths_and_values_line_by_line_and_never_claims_replacement()
    {
        var report = DiffReport.Write("Stack `dev`", Compare());
        Assert.Contains("1 resource added, 1 resource removed, 3 resources changed", report);
        Assert.Contains("### changed resource `readerRole` (aws:iam:Role)", report);
        Assert.Contains("@ properties.maxSessionDuration\n-   3600\n+   7200\n", report);
        // A multi-line value (KQL) is shown one line per line, each signed.
        Assert.Contains("-   | where State == 'failing'\n", report);
        Assert.Contains("+   | where State == 'parked'\n", report);
        Assert.DoesNotContain("replace", report.Replace(DiffReport.ReplacementNote, string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(DiffReport.ReplacementNote, report);
    }

    [Fact]
    public void Identical_programs_report_no_change()
    {
        var sections = ProgramDiff.Compare(JsonNode.Parse(Base), JsonNode.Parse(Base));
        Assert.All(sections, s => Assert.True(s.IsEmpty));
        Assert.Contains("No change to the program.", DiffReport.Write("t", sections));
    }

    [Fact]
    public void A_value_holding_backticks_cannot_close_the_fence()
    {
        var before = JsonNode.Parse("""{"resources":{"r":{"type":"t","properties":{"d":"a"}}}}""");
        var after = JsonNode.Parse("""{"resources":{"r":{"type":"t","properties":{"d":"```\nnot code"}}}}""");
        var report = DiffReport.Write("t", ProgramDiff.Compare(before, after));
        Assert.Contains("````diff\n", report);
    }
}
