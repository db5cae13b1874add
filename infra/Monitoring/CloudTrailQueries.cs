using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// KQL over the CloudTrail rows: the function that presents them under the built-in AWSCloudTrail schema, and the
/// views of the workbook and the saved query. Column names come from contracts CloudTrailTable.Columns (a test
/// checks every identifier of every query against the shared lists). <c>source</c> arguments name what
/// the query reads: the function in worker mode, the built-in table in sentinel mode.
/// </summary>
public static class CloudTrailQueries
{
    /// <summary>Alias of the workspace function: existing AWSCloudTrail rules and hunting queries can read it instead.</summary>
    public const string FunctionAlias = "AWSCloudTrailAll";

    /// <summary>The built-in Sentinel table (Azure Monitor table reference "AWSCloudTrail").</summary>
    public const string BuiltInTable = "AWSCloudTrail";

    /// <summary>Days of the events-per-day chart (the seed's view: the last 30 days).</summary>
    public const int ChartDays = 30;

    /// <summary>
    /// Body of <see cref="FunctionAlias"/>: the custom table's rows (when the stack has one) and the built-in table's,
    /// both projected to the shared columns in their order. <c>union isfuzzy=true</c> tolerates a table that does not
    /// exist (the built-in AWSCloudTrail exists only once something wrote to it), so the function works either way.
    /// </summary>
    public static string Function(StackSettings settings)
    {
        var columns = string.Join(", ", CloudTrailTable.Columns.Select(c => c.Name));
        var tables = settings.Destination == DestinationKind.CustomTable ? new[] { settings.TableName, BuiltInTable } : [BuiltInTable];
        var legs = string.Join(",\n", tables.Select(t => $"    ({t} | project {columns})"));
        return $"// CloudTrail rows under the built-in AWSCloudTrail schema, from every table that holds them (sentinel-aws-iac).\nunion isfuzzy=true\n{legs}";
    }

    /// <summary>Events per day over the last <see cref="ChartDays"/> days, today included; a day without events is a
    /// 0, not a gap (make-series fills empty bins with the default).</summary>
    public static string EventsPerDay(string source) => $"""
        // CloudTrail events per day, last {ChartDays} days; days without events count 0.
        let Start = startofday(ago({ChartDays - 1}d));
        let End = startofday(now()) + 1d;
        {source}
        | where TimeGenerated >= Start and TimeGenerated < End
        | make-series Events = count() default = 0 on TimeGenerated from Start to End step 1d
        """;

    public static string EventsByRegion(string source) => $"""
        {source}
        | where TimeGenerated > ago({ChartDays}d)
        | summarize Events = count() by AWSRegion
        | sort by Events desc
        """;

    public static string EventsBySource(string source) => $"""
        {source}
        | where TimeGenerated > ago({ChartDays}d)
        | summarize Events = count() by EventSource
        | top 20 by Events desc
        """;

    public static string EventsByErrorCode(string source) => $"""
        {source}
        | where TimeGenerated > ago({ChartDays}d)
        | where isnotempty(ErrorCode)
        | summarize Events = count() by ErrorCode
        | top 20 by Events desc
        """;
}
