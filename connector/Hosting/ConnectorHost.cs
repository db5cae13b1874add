using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Telemetry;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// The worker's generic host (a WebApplication, for Kestrel's /healthz): configuration, logging, the components
/// Source → Map → Sink with checkpoints and dead letters beside, and health. Program.cs, the integration tests and
/// the benchmark build the host through here, so they run the same wiring.
/// </summary>
public static class ConnectorHost
{
    /// <summary>Fallback address of /healthz for a local run with neither ASPNETCORE_URLS, --urls nor PORT set.</summary>
    public const string LocalUrl = "http://127.0.0.1:8080";

    /// <summary>How long the host waits for the pipeline to stop: longer than the partitions' flush and final commit
    /// (<see cref="PartitionRunner.ShutdownDrainTimeout"/>).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Configuration, lowest precedence first: appsettings.json and appsettings.{Environment}.json beside the binary,
    /// environment variables (App Service app settings; ':' written '__'), the command line (<c>--Source:Regions=…</c>).
    /// Kestrel binds ASPNETCORE_URLS or --urls if set (App Service sets ASPNETCORE_URLS=http://*:$PORT), else
    /// http://*:$PORT if PORT is set, else <see cref="LocalUrl"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json is found beside the binary whatever the working directory (dotnet run, App Service).
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            // App Service sets PORT (default 8080) and ASPNETCORE_URLS=http://*:$PORT (docs/facts.md#hosting-the-worker-on-app-service).
            var port = Environment.GetEnvironmentVariable("PORT");
            builder.WebHost.UseUrls(int.TryParse(port, out var p) && p is > 0 and < 65536 ? $"http://*:{p}" : LocalUrl);
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        return builder;
    }

    /// <summary>
    /// Registers every component from <paramref name="configuration"/>. Registrations made before this call win
    /// (the components use TryAdd): tests put in a TokenCredential, a LogsIngestionClient with a test transport, etc.
    /// </summary>
    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(WorkerSettings.HealthSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>());

        services.AddCheckpointStore(configuration);

        // Dead letters: beside the checkpoints (blobs, or files in DeadLetters:Directory), counted once per partition.
        services.AddDeadLetters(configuration);

        services.AddCloudTrailMapper();
        services.AddLogsIngestionSink(configuration);

        // The health stream's own sink: same client and rule, stream Sink:HealthStreamName.
        services.TryAddKeyedSingleton<ISink>(HealthReporter.SinkKey, (sp, _) =>
        {
            var sink = sp.GetRequiredService<IOptions<SinkOptions>>().Value;
            return new BatchingSink(sp.GetRequiredService<LogsIngestionClient>(), sink.ForStream(sink.HealthStreamName!),
                sp.GetRequiredService<DeadLetterCounter>().Inner, sp.GetService<ILogger<BatchingSink>>(), sp.GetService<TimeProvider>());
        });

        // Health first: hosted services stop in reverse order, so the reporter stops after the pipeline and its last
        // rows count what the pipeline's shutdown flush delivered.
        services.AddHostedService<HealthReporter>();
        services.AddCloudTrailSource(configuration);
        services.AddCloudTrailPipeline();

        services.AddConnectorTelemetry(configuration);

        services.TryAddSingleton(sp => new HealthMonitor(
            sp.GetRequiredService<IOptions<HealthOptions>>(), sp.GetRequiredService<IOptions<SourceOptions>>(),
            sp.GetRequiredService<IPartitionStatusSource>(), sp.GetRequiredService<DeadLetterCounter>(),
            () => sp.GetService<BatchingSink>()?.Status, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Builds the host and maps /healthz. Nothing starts until StartAsync; validate first with <see cref="StartupValidation"/>.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        HealthEndpoint.Map(app);
        return app;
    }
}
