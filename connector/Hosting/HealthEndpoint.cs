using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SentinelAwsIac.Connector.Health;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// GET /healthz (the stack's App Service health-check path): 200 with a per-partition summary, or 503 naming the stalled
/// partitions and a sink failing for Health:StallAfter. It shows states and times only, never error texts, account
/// secrets or settings: the path is reachable from outside.
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder app) => app.MapGet(Path, (HealthMonitor monitor) =>
    {
        var report = monitor.Report();
        var body = new
        {
            status = report.Healthy ? "healthy" : "unhealthy",
            at = report.At,
            stallAfterSeconds = monitor.Options.StallAfter.TotalSeconds,
            problems = report.Problems,
            stalled = report.Partitions.Where(p => p.Stalled).Select(p => p.Partition.ToString()).ToArray(),
            sink = report.Sink is { } s ? new { state = s.State.ToString().ToLowerInvariant(), unhealthySince = s.UnhealthySince, lastSuccessAt = s.LastSuccessAt } : null,
            partitions = report.Partitions.Select(p => new
            {
                partition = p.Partition.ToString(),
                state = p.State,
                stalled = p.Stalled,
                lagSeconds = p.LagSeconds is { } lag ? Math.Round(lag, 1) : (double?)null,
                newestEventTime = p.NewestEventTime,
                lastProgressAt = p.LastProgressAt,
            }).ToArray(),
        };
        return Results.Json(body, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    });
}
