using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;

namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// KQL over the worker's health table (contracts HealthTable: one row per partition per interval, State one of
/// <see cref="HealthTable.States"/>). The alert queries take their thresholds from config (whole minutes), written
/// into the query text.
/// </summary>
public static class HealthQueries
{
    public const string Table = HealthTable.DefaultName;

    /// <summary>How far back every alert rule's query may look (its windowSize): long enough to follow a failing
    /// streak of <see cref="ConfigKeys.AlertFailingMinutes"/> (at most 180) over twice its length.</summary>
    public const int LookbackHours = 6;

    /// <summary>Newest row of partitions that reported recently; older partitions trip the silence rule instead.</summary>
    public const int RecentMinutes = 15;

    /// <summary>Rows of the last <c>alertSilenceMinutes</c>: the rule fires when there are none.</summary>
    public static string Silence(int minutes) => $"""
        // Health rows of the last {minutes} minutes; none means the worker stopped writing (or stopped running).
        {Table}
        | where TimeGenerated > ago({minutes}m)
        """;

    /// <summary>Partitions (not parked) whose newest row reports a lag above <c>alertLagMinutes</c>: one row each.</summary>
    public static string Lag(int minutes) => $"""
        // Partitions whose newest health row reports a lag above {minutes} minutes. Parked partitions (a disabled region) are left out.
        {Table}
        | where TimeGenerated > ago({RecentMinutes}m)
        | summarize arg_max(TimeGenerated, State, LagSeconds, NewestEventTime) by Partition
        | where State != "{HealthTable.States.Parked}" and LagSeconds > {minutes} * 60
        """;

    /// <summary>Partitions whose newest row says failing and that have not reported anything else for at least
    /// <c>alertFailingMinutes</c>: the streak starts after the last row in another state (or at the first failing row).</summary>
    public static string FailingStreak(int minutes) => $"""
        // Partitions in state {HealthTable.States.Failing} for at least {minutes} minutes.
        {Table}
        | where TimeGenerated > ago(2 * {minutes}m)
        | summarize LastNotFailing = maxif(TimeGenerated, State != "{HealthTable.States.Failing}"), FirstFailing = minif(TimeGenerated, State == "{HealthTable.States.Failing}"), TimeGenerated = max(TimeGenerated) by Partition
        | where isnotnull(FirstFailing) and (isnull(LastNotFailing) or LastNotFailing < TimeGenerated)
        | extend FailingSince = iff(isnull(LastNotFailing), FirstFailing, LastNotFailing)
        | where FailingSince <= ago({minutes}m)
        """;

    /// <summary>The workbook's lag chart: the worst lag of each partition per 5 minutes, last day.</summary>
    public const string LagOverTime = $"""
        {Table}
        | where TimeGenerated > ago(1d)
        | summarize LagMinutes = max(LagSeconds) / 60 by Partition, bin(TimeGenerated, 5m)
        """;

    /// <summary>The workbook's partition table: each partition's newest row.</summary>
    public const string PartitionsNow = $"""
        {Table}
        | where TimeGenerated > ago(1d)
        | summarize arg_max(TimeGenerated, State, LagSeconds, NewestEventTime, Events, DeadLetters, Throttles, LastError, WorkerVersion) by Partition
        | sort by LagSeconds desc
        """;
}
