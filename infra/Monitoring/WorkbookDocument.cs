using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// The workbook's content: an Azure Monitor workbook of version <c>Notebook/1.0</c> (the <c>serializedData</c> of
/// Microsoft.Insights/workbooks): a list of items, text (type 1) and KQL queries (type 3, <c>KqlItem/1.0</c>) against
/// the Log Analytics workspace the workbook is attached to (its sourceId). Built here as JSON; the program turns it
/// into the string with <c>fn::toJSON</c>, so the workspace's resource ID can be a reference.
/// </summary>
public static class WorkbookDocument
{
    public const string Version = "Notebook/1.0";

    private const string WorkspaceResourceType = "microsoft.operationalinsights/workspaces";
    private const long DayMs = 24L * 60 * 60 * 1000;

    /// <summary>The workbook: the seed's events-per-day chart, events by region, source and error code, and, when
    /// the worker runs, its health (state and lag per partition) and its own warnings and errors.</summary>
    /// <param name="source">What the CloudTrail queries read (the function, or the built-in table).</param>
    /// <param name="withHealth">Add the worker's health section.</param>
    /// <param name="workspaceId">Reference to the workspace's resource ID (fallback resource of every query).</param>
    public static JsonObject Build(string source, bool withHealth, string workspaceId)
    {
        var items = new JsonArray
        {
            Text("intro", $"## AWS CloudTrail\nManagement events read from AWS CloudTrail, from `{source}`. Deployed by sentinel-aws-iac."),
            Query("events-per-day", $"Events per day, last {CloudTrailQueries.ChartDays} days (0 on days without events)", CloudTrailQueries.EventsPerDay(source), "timechart", CloudTrailQueries.ChartDays, width: null),
            Query("events-by-region", "Events by AWS region", CloudTrailQueries.EventsByRegion(source), "barchart", CloudTrailQueries.ChartDays, width: "33"),
            Query("events-by-source", "Events by event source (top 20)", CloudTrailQueries.EventsBySource(source), "barchart", CloudTrailQueries.ChartDays, width: "33"),
            Query("events-by-error-code", "Failed calls by error code (top 20)", CloudTrailQueries.EventsByErrorCode(source), "table", CloudTrailQueries.ChartDays, width: "33"),
        };

        if (withHealth)
        {
            items.Add(Text("health", $"## Connector health\nFrom `{HealthQueries.Table}`: one row per AWS account and region per interval. States: {HealthTable.States.Running}, {HealthTable.States.Throttled}, {HealthTable.States.Parked} (region disabled; retried later), {HealthTable.States.Failing}."));
            items.Add(Query("lag-over-time", "Connector lag per partition (minutes), last day", HealthQueries.LagOverTime, "timechart", 1, width: null));
            items.Add(Query("partitions-now", "Partitions now", HealthQueries.PartitionsNow, "table", 1, width: null));
            items.Add(Query("worker-warnings", WorkerLogQueries.WarningsAndErrorsTitle, WorkerLogQueries.WarningsAndErrors, "table", 1, width: null));
        }

        return new JsonObject
        {
            ["version"] = Version,
            ["items"] = items,
            ["fallbackResourceIds"] = new JsonArray(workspaceId),
        };
    }

    private static JsonObject Text(string name, string markdown) => new()
    {
        ["type"] = 1,
        ["content"] = new JsonObject { ["json"] = markdown },
        ["name"] = name,
    };

    private static JsonObject Query(string name, string title, string query, string visualization, int days, string? width)
    {
        var item = new JsonObject
        {
            ["type"] = 3,
            ["content"] = new JsonObject
            {
                ["version"] = "KqlItem/1.0",
                ["query"] = query,
                ["size"] = 0,
                ["title"] = title,
                // The query bounds its own time; the item's range only has to cover it.
                ["timeContext"] = new JsonObject { ["durationMs"] = days * DayMs },
                ["queryType"] = 0,
                ["resourceType"] = WorkspaceResourceType,
                ["visualization"] = visualization,
            },
            ["name"] = name,
        };
        if (width is not null)
        {
            item["customWidth"] = width;
        }

        return item;
    }
}
