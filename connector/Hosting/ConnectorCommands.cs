using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// The worker's commands: <c>run</c> (default), <c>status</c>, <c>check-config</c>. Settings follow the command as
/// <c>--Section:Key=value</c>. Exit codes: 0 done, 1 failed while running, 2 invalid configuration or usage.
/// </summary>
public static class ConnectorCommands
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitInvalidConfiguration = 2;

    public const string Usage = """
        Usage: SentinelAwsIac.Connector [run|status|check-config] [--Section:Key=value ...]
          run            drain CloudTrail into the Logs Ingestion API (default)
          status         print each partition's checkpoint, lag and state from the checkpoint store
          check-config   validate the settings and print the effective configuration, secrets redacted
        Settings come from appsettings.json, environment variables (Source__Regions=...) and the command line; see connector/README.md.
        """;

    /// <param name="configure">Called on the builder before the components are added (tests: credentials, transports, logging).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default,
        Action<WebApplicationBuilder>? configure = null)
    {
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (command)
        {
            case "run":
            case "check-config":
                return await RunHostAsync(command, rest, stdout, stderr, configure, cancellationToken).ConfigureAwait(false);
            case "status":
            {
                var builder = ConnectorHost.CreateBuilder(rest);
                configure?.Invoke(builder);
                return await StatusCommand.RunAsync(builder.Configuration, stdout, stderr, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            case "help" or "-h" or "--help":
                await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                return ExitOk;
            default:
                await stderr.WriteLineAsync($"Unknown command '{command}'.\n{Usage}").ConfigureAwait(false);
                return ExitInvalidConfiguration;
        }
    }

    private static async Task<int> RunHostAsync(string command, string[] args, TextWriter stdout, TextWriter stderr,
        Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var builder = ConnectorHost.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddConnector(builder.Configuration);
        await using var app = ConnectorHost.Build(builder);

        var errors = StartupValidation.Validate(app.Services, app.Configuration);
        if (errors.Count > 0)
        {
            await stderr.WriteLineAsync($"Invalid configuration ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}); nothing was started:").ConfigureAwait(false);
            foreach (var e in errors) await stderr.WriteLineAsync("  - " + e).ConfigureAwait(false);
            await stderr.WriteLineAsync("Settings: connector/README.md. Environment variables write ':' as '__' (Source__Regions).").ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }
        if (command == "check-config")
        {
            await stdout.WriteLineAsync("Configuration is valid. Effective settings (secrets redacted):").ConfigureAwait(false);
            await stdout.WriteLineAsync(ConfigurationReport.Render(app.Services, app.Configuration)).ConfigureAwait(false);
            return ExitOk;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SentinelAwsIac.Connector");
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Connector {Version} started: {Partitions} partitions; /healthz on {Urls}.",
                Health.WorkerVersion.Value, app.Services.GetRequiredService<Health.HealthMonitor>().Partitions.Count, string.Join(", ", app.Urls));
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitOk;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitOk;
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The connector stopped: {Message}", ex.Message);
            await stderr.WriteLineAsync($"The connector stopped: {ex.Message}").ConfigureAwait(false);
            return ExitFailure;
        }
    }
}
