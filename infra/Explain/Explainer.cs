using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Program;
using SentinelAwsIac.Infra.Stack;

namespace SentinelAwsIac.Infra.Explain;

/// <summary>
/// The program as a reviewer reads it: resources (type, name, purpose), who may assume which role under which
/// condition, what each identity may do, and how an event travels. Trust and permissions are read back from the
/// emitted program itself, so the explanation cannot drift from what is deployed. <c>${x.y}</c> is a value known
/// at deploy time: output y of resource (or variable) x.
/// </summary>
public static class Explainer
{
    public static string Explain(string stackName, StackSettings settings, PulumiProgram program)
    {
        var json = program.ToJson();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Stack '{stackName}' of {program.Name}, mode {settings.Mode.ToString().ToLowerInvariant()}").Append('\n');
        text.Append("Values written ${name.output} are known at deploy time (an output of that resource or variable).\n");

        text.Append("\nRESOURCES\n");
        foreach (var section in program.Notes.GroupBy(n => n.Section))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {section.Key}\n");
            foreach (var note in section)
            {
                var existing = note.IsExisting ? " (existing, read only)" : "";
                text.Append(CultureInfo.InvariantCulture, $"    {note.Name} — {note.Type}{existing}\n      {note.Purpose}\n");
            }
        }

        text.Append("\nTRUST (who may assume what, under which condition)\n");
        foreach (var (name, resource) in Resources(json, "aws:iam:Role"))
        {
            foreach (var statement in Statements(json, resource["properties"]!["assumeRolePolicy"]!.GetValue<string>()))
            {
                var principals = string.Join("; ", Array(statement, "principals").Select(p => $"{p!["type"]} {string.Join(", ", Strings(p, "identifiers"))}"));
                var conditions = string.Join(" AND ", Array(statement, "conditions").Select(c => $"{c!["variable"]} {c["test"]} {string.Join(" or ", Strings(c, "values"))}"));
                text.Append(CultureInfo.InvariantCulture, $"  {name}: {principals}\n    may {string.Join(", ", Strings(statement, "actions"))}\n    only if {(conditions.Length == 0 ? "(no condition)" : conditions)}\n");
            }
        }

        text.Append("\nPERMISSIONS (what each identity may do)\n");
        foreach (var (_, resource) in Resources(json, "aws:iam:RolePolicy"))
        {
            var role = RoleOf(resource);
            foreach (var statement in Statements(json, resource["properties"]!["policy"]!.GetValue<string>()))
            {
                text.Append(CultureInfo.InvariantCulture, $"  AWS {role}: {statement["effect"]} {string.Join(", ", Strings(statement, "actions"))} on {string.Join(", ", Strings(statement, "resources"))}\n");
            }
        }

        foreach (var (_, resource) in Resources(json, "aws:iam:RolePolicyAttachment"))
        {
            text.Append(CultureInfo.InvariantCulture, $"  AWS {RoleOf(resource)}: managed policy {resource["properties"]!["policyArn"]}\n");
        }

        foreach (var (_, resource) in Resources(json, "azure-native:authorization:RoleAssignment"))
        {
            var properties = resource["properties"]!;
            var roleId = Text(properties["roleDefinitionId"]!).Split('/')[^1];
            text.Append(CultureInfo.InvariantCulture, $"  Azure {RoleOf(properties["principalId"]!)}: {AzureRoles.DisplayNames.GetValueOrDefault(roleId, roleId)} on {properties["scope"]}\n");
        }

        text.Append("\nREACH (who can connect to what, with which identity)\n");
        text.Append(ReachNotes.Describe(json));

        text.Append("\nDATA FLOW\n");
        text.Append(settings.Mode == StackMode.Worker ? WorkerFlow(settings) : SentinelFlow());

        text.Append("\nON DESTROY (what pulumi destroy keeps)\n");
        text.Append(DestroyNotes.Describe(settings, json));

        text.Append("\nCLOUDS\n");
        text.Append(CultureInfo.InvariantCulture, $"  Azure: {settings.AzureCloud.Display} (azure-native:environment {settings.AzureCloud.Name}); Logs Ingestion audience {settings.AzureCloud.LogsIngestionAudience}; Entra ID token issuer {settings.AzureCloud.TokenIssuer("<tenant>")}\n");
        text.Append(CultureInfo.InvariantCulture, $"  AWS: {settings.AwsPartition.Display}, partition {settings.AwsPartition.Name}: ARNs arn:{settings.AwsPartition.Name}:…, endpoints such as {settings.AwsPartition.CloudTrailHost("<region>")}\n");

        text.Append("\nMONITORING\n");
        text.Append(Monitoring(settings, json));
        return text.ToString();
    }

    private static string WorkerFlow(StackSettings settings)
    {
        var regions = settings.HasAwsRegions ? "the regions of awsRegions" : "the aws provider's region";
        var broker = settings.Broker == BrokerKind.WebIdentity
            ? "gets an Entra ID token of workerIdentity (audience: its client ID), exchanges it for brokerRole (AssumeRoleWithWebIdentity),"
            : "signs in as brokerPrincipalArn with the access key from Key Vault,";
        return $"""
              1. AWS CloudTrail event history, {regions}: LookupEvents, at most {CloudTrailLimits.RequestsPerSecond} requests/s × {CloudTrailLimits.MaxResults} events per account and region.
              2. The worker (workerApp, identity workerIdentity) {broker}
                 then assumes readerRole with the external ID; role chaining caps each session at 1 h, the worker refreshes.
              3. It maps each record to the columns of contracts CloudTrailTable ({CloudTrailTable.Columns.Count} columns) and posts gzip'd batches ≤ 1 MB
                 to the Logs Ingestion API at ingestionEndpoint (DCE), rule ingestionRule (DCR), stream {settings.InputStream}.
              4. The rule's flow writes the rows unchanged to {settings.OutputStream}: table {settings.DestinationTable} in the workspace, where Sentinel queries them.
              5. Checkpoints (one blob per account+region in checkpointContainer) advance only after the upload succeeded: nothing is lost on restart.

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string SentinelFlow() => $"""
          1. Microsoft Sentinel's AWS CloudTrail connector (sentinelCloudTrailConnector) runs in Microsoft's AWS account {WellKnownIds.SentinelAwsAccountId}.
          2. It assumes readerRole, presenting the workspace ID as external ID, and reads CloudTrail.
          3. Rows land in Sentinel's built-in AWSCloudTrail table of the workspace.

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Health, alerts and Sentinel content, read back from the program.</summary>
    private static string Monitoring(StackSettings settings, JsonObject program)
    {
        var text = new StringBuilder();
        if (settings.Mode == StackMode.Worker)
        {
            text.Append(CultureInfo.InvariantCulture, $"  Health: the worker writes one row per partition per interval to stream {settings.HealthStream} of ingestionRule → table {HealthTable.DefaultName} ({HealthTable.Columns.Count} columns; State running, throttled, parked or failing).\n");
            text.Append(Resources(program, "azure-native:applicationinsights:Component").Any()
                ? $"  Metrics and traces ({ConfigKeys.WorkerTelemetry.Key} true): the worker exports to Application Insights workerTelemetry (workspace-based, Entra ID only) with its identity: events read, ingested and dead-lettered per partition, upload latency and status codes, spans of its HTTP calls; rows in the workspace's App* tables.\n"
                : $"  Metrics and traces: off ({ConfigKeys.WorkerTelemetry.Key} false: no Application Insights component, nothing sent).\n");
            var rules = Resources(program, "azure-native:monitor:ScheduledQueryRule").ToList();
            if (rules.Count == 0)
            {
                text.Append("  Alerts: none (set alertEmail to be emailed when health rows stop, lag grows or a partition fails).\n");
            }

            foreach (var (_, group) in Resources(program, "azure-native:monitor:ActionGroup"))
            {
                var emails = group["properties"]!["emailReceivers"]!.AsArray().Select(r => r!["emailAddress"]!.GetValue<string>());
                text.Append(CultureInfo.InvariantCulture, $"  Alerts email {string.Join(", ", emails)}, evaluated every {HealthAlerts.EvaluationMinutes} minutes:\n");
            }

            foreach (var (name, rule) in rules)
            {
                var properties = rule["properties"]!;
                var condition = properties["criteria"]!["allOf"]![0]!;
                var split = condition["dimensions"] is null ? "" : ", one alert per partition";
                text.Append(CultureInfo.InvariantCulture, $"    {name} (severity {properties["severity"]}): {properties["description"]}\n      fires when the query's row count is {condition["operator"]} {condition["threshold"]}{split}\n");
            }

            if (rules.Count > 0)
            {
                var thresholds = new[] { (ConfigKeys.AlertSilenceMinutes, settings.AlertSilenceMinutes), (ConfigKeys.AlertLagMinutes, settings.AlertLagMinutes), (ConfigKeys.AlertFailingMinutes, settings.AlertFailingMinutes) }
                    .Select(t => $"{t.Item1.Key} {t.Item2} (default {t.Item1.Default})");
                text.Append(CultureInfo.InvariantCulture, $"    thresholds in minutes, from config: {string.Join(", ", thresholds)}\n");
            }
        }

        foreach (var (name, search) in Resources(program, "azure-native:operationalinsights:SavedSearch"))
        {
            var properties = search["properties"]!;
            var alias = properties["functionAlias"] is { } f ? $"function {f}" : "saved query";
            text.Append(CultureInfo.InvariantCulture, $"  {alias} ({name}): {properties["displayName"]}\n");
        }

        foreach (var (name, workbook) in Resources(program, "azure-native:applicationinsights:Workbook"))
        {
            var items = workbook["properties"]!["serializedData"]!["fn::toJSON"]!["items"]!.AsArray();
            var titles = items.Where(i => i!["type"]!.GetValue<int>() == 3).Select(i => i!["content"]!["title"]!.GetValue<string>());
            text.Append(CultureInfo.InvariantCulture, $"  Workbook {name} \"{workbook["properties"]!["displayName"]}\" (Microsoft Sentinel → Workbooks): {string.Join("; ", titles)}\n");
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, JsonObject Resource)> Resources(JsonObject program, string type) =>
        program["resources"]!.AsObject()
            .Where(r => r.Value!["type"]!.GetValue<string>() == type)
            .Select(r => (r.Key, r.Value!.AsObject()));

    /// <summary>The statements of the policy document a <c>${variable.json}</c> names (an aws:iam:getPolicyDocument invoke).</summary>
    private static IEnumerable<JsonNode> Statements(JsonObject program, string reference)
    {
        var variable = reference.Trim('$', '{', '}').Split('.')[0];
        var invoke = program["variables"]![variable]!["fn::invoke"]!;
        return invoke["arguments"]!["statements"]!.AsArray().Select(s => s!);
    }

    private static string RoleOf(JsonObject resource) => RoleOf(resource["properties"]!["role"]!);

    /// <summary>The resource a reference such as <c>${brokerRole.id}</c> points at.</summary>
    private static string RoleOf(JsonNode reference) => reference.GetValue<string>().Trim('$', '{', '}').Split('.')[0];

    private static JsonArray Array(JsonNode node, string name) => node[name]?.AsArray() ?? [];

    private static IEnumerable<string> Strings(JsonNode node, string name) => Array(node, name).Select(v => Text(v!));

    /// <summary>A value as a reviewer reads it: text as it is, a secret as "secret" and its reference.</summary>
    private static string Text(JsonNode value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var s) => s,
        JsonObject secret when secret["fn::secret"] is { } inner => $"secret {Text(inner)}",
        _ => value.ToJsonString(),
    };
}
