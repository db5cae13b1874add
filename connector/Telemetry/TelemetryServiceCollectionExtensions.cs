using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Resources;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The service name the exporter reports (Application Insights' cloud role name).</summary>
    public const string ServiceName = "sentinel-aws-iac-connector";

    /// <summary>.NET's HTTP client source and meter: one span per request, and request duration with status code
    /// and server address (LookupEvents, STS, Logs Ingestion alike).</summary>
    public const string HttpClientInstrumentation = "System.Net.Http";

    /// <summary>
    /// Section <c>Telemetry</c>, validated at start-up. With a connection string: the OpenTelemetry SDK with the
    /// worker's metrics (<see cref="ConnectorMetrics"/>) and the HTTP client's metrics and spans, exported by Azure
    /// Monitor's exporter with the worker's Entra ID credential. Without one, no provider is registered, so nothing
    /// is collected and nothing is sent.
    /// </summary>
    public static IServiceCollection AddConnectorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(WorkerSettings.TelemetrySection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());
        if (string.IsNullOrWhiteSpace(configuration[WorkerSettings.TelemetryConnectionString]))
        {
            return services;
        }

        services.TryAddSingleton<ConnectorMetrics>();
        services.AddOptions<AzureMonitorExporterOptions>().Configure<IOptions<TelemetryOptions>, IServiceProvider>((exporter, telemetry, sp) =>
        {
            exporter.ConnectionString = telemetry.Value.ConnectionString;
            exporter.Credential = sp.GetRequiredService<TokenCredential>();
        });
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceVersion: typeof(TelemetryOptions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m => m.AddMeter(ConnectorMetrics.MeterName, HttpClientInstrumentation).AddAzureMonitorMetricExporter())
            .WithTracing(t => t.AddSource(HttpClientInstrumentation).AddAzureMonitorTraceExporter());
        // The instruments exist once the host starts, so the first collection already has them.
        services.AddHostedService<ConnectorMetricsStarter>();
        return services;
    }
}
