using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SentinelAwsIac.Connector.Health;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// GET /healthz (the stack's App Service health-check path): 200 <c>{"status":"healthy"}</c> or 503
/// <c>{"status":"unhealthy"}</c>, and nothing else. The caller is anonymous, so the answer names no account, region,
/// partition, lag, state or time; the detail is in the workspace's health table (one row per partition per interval)
/// and in <c>connector status</c>, both for the operator only.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) => app.MapGet(Path, (HealthMonitor monitor) =>
    {
        var healthy = monitor.Report().Healthy;
        return Results.Json(new { status = healthy ? Healthy : Unhealthy }, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    });
}
