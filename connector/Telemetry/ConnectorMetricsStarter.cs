using Microsoft.Extensions.Hosting;

namespace SentinelAwsIac.Connector.Telemetry;

/// <summary>Creates <see cref="ConnectorMetrics"/> at start-up, so its instruments are observed from the first
/// collection rather than when something first asks for them.</summary>
internal sealed class ConnectorMetricsStarter(ConnectorMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) { GC.KeepAlive(metrics); return Task.CompletedTask; }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
