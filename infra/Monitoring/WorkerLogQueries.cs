namespace SentinelAwsIac.Infra.Monitoring;

/// <summary>
/// KQL over the worker's console log lines in <see cref="ConsoleTable"/>. The worker writes each line as one JSON
/// object (the JSON console formatter of Microsoft.Extensions.Logging, connector/appsettings.json): <c>LogLevel</c>,
/// <c>Category</c>, <c>Message</c>, <c>Exception</c> when there is one, and <c>State</c> with the message's named
/// fields (<c>Partition</c>, <c>Reason</c>, …). App Service puts the line in <c>ResultDescription</c>; its own
/// <c>Level</c> column says only which stream the line came from (docs/facts.md "The worker's logs in the workspace").
/// </summary>
public static class WorkerLogQueries
{
    /// <summary>Diagnostic category and resource-specific table of the web app's console output.</summary>
    public const string ConsoleTable = "AppServiceConsoleLogs";

    /// <summary>Diagnostic category and table of the App Service platform's messages about the app.</summary>
    public const string PlatformTable = "AppServicePlatformLogs";

    /// <summary>The name an operator sees for <see cref="WarningsAndErrors"/> (workbook panel, alert description).</summary>
    public const string WarningsAndErrorsTitle = "Worker warnings and errors, last day";

    /// <summary>The worker's warnings and errors of the last day, newest first, with the partition and the cause as
    /// columns. Lines that are not JSON (the runtime's own start-up output) are left out.</summary>
    public const string WarningsAndErrors = $"""
        {ConsoleTable}
        | where TimeGenerated > ago(1d)
        | extend Line = parse_json(ResultDescription)
        | extend LogLevel = tostring(Line.LogLevel)
        | where LogLevel in ("Warning", "Error", "Critical")
        | project TimeGenerated, LogLevel, Partition = tostring(Line.State.Partition), Message = tostring(Line.Message), Category = tostring(Line.Category), Exception = tostring(Line.Exception)
        | sort by TimeGenerated desc
        """;
}
