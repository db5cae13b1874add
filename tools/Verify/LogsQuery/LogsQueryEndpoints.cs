using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Verify.LogsQuery;

/// <summary>
/// Where the Log Analytics query API lives in each Azure cloud, and the token audience it wants (scope
/// <c>&lt;audience&gt;/.default</c>). The path is <c>POST {endpoint}/v1/workspaces/{workspaceId}/query</c> in all of them.
/// Sources: Microsoft Learn "Azure Monitor Log Analytics API request format" and "Access the Azure Monitor Log Analytics
/// API" (learn.microsoft.com/azure/azure-monitor/logs/api/request-format, …/access-api): public
/// https://api.loganalytics.azure.com, which replaces https://api.loganalytics.io ("will continue to be supported");
/// docs.azure.cn's copies of the same pages: https://api.loganalytics.azure.cn for Azure operated by 21Vianet.
/// Azure Government https://api.loganalytics.us: the value of Azure.Monitor.Query's LogsQueryAudience.AzureGovernment
/// as we know it; NOT CONFIRMED in a page found here (the JavaScript SDK's KnownMonitorLogsQueryAudience lists the
/// member without its value).
/// Public uses api.loganalytics.io, the official LogsQueryClient's default endpoint and audience.
/// </summary>
public static class LogsQueryEndpoints
{
    public static Uri For(AzureCloud cloud) => cloud.Name switch
    {
        "usgovernment" => new Uri("https://api.loganalytics.us"),
        "china" => new Uri("https://api.loganalytics.azure.cn"),
        _ => new Uri("https://api.loganalytics.io"),
    };

    /// <summary>The token scope for an endpoint: its origin plus <c>/.default</c>.</summary>
    public static string ScopeFor(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority) + "/.default";
}
