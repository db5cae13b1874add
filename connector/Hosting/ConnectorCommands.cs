using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// The worker's commands: <c>run</c> (default), <c>status</c>, <c>check-config</c>, <c>help</c>, parsed by System.CommandLine
/// (<see cref="ConnectorCommandLine"/>). Settings follow the command as <c>--Section:Key=value</c>. Exit codes: 0 done,
/// 1 failed while running, 2 invalid configuration or usage.
/// </summary>
public static class ConnectorCommands
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitInvalidConfiguration = 2;

    /// <param name="configure">Called on the builder before the components are added (tests: credentials, transports, logging).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        RootCommand? root = null;
        root = ConnectorCommandLine.Build(
            run: (result, settings, ct) => settings is null
                ? RunRootAsync(root!, result.UnmatchedTokens, stdout, stderr, configure, ct)
                : RunCommandAsync(ConnectorCommandLine.Run, result, settings, stdout, stderr, configure, ct),
            status: (result, settings, ct) => RunCommandAsync(ConnectorCommandLine.Status, result, settings, stdout, stderr, configure, ct),
            checkConfig: (result, settings, ct) => RunCommandAsync(ConnectorCommandLine.CheckConfig, result, settings, stdout, stderr, configure, ct),
            help: (result, command, _) => Task.FromResult(WriteHelp(root!, result.GetValue(command), stdout, stderr)));

        // Settings are passed on as they were typed: no @response-file expansion.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) await stderr.WriteLineAsync(error.Message).ConfigureAwait(false);
            await stderr.WriteLineAsync("Usage: SentinelAwsIac.Connector --help.").ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // The generic host handles Ctrl+C and SIGTERM itself and drains the pipeline within its ShutdownTimeout;
            // System.CommandLine's own handler would end the process after 2 s.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A command with its settings. Tokens before the command (<c>--Key=value status</c>) are the root's
    /// unmatched ones and would be lost: refused with the order to use.</summary>
    private static async Task<int> RunCommandAsync(string command, ParseResult result, Argument<string[]> settings, TextWriter stdout, TextWriter stderr,
        Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (result.UnmatchedTokens.Count > 0)
        {
            await stderr.WriteLineAsync($"Invalid command line: '{Shown(result.UnmatchedTokens[0])}' comes before the command '{command}': put the settings after it " +
                                        $"(SentinelAwsIac.Connector {command} --Section:Key=value ...).").ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }
        return await RunSettingsAsync(command, result.GetValue(settings) ?? [], stdout, stderr, configure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>No command: the first token is either a setting (run with them) or a command we do not have.</summary>
    private static async Task<int> RunRootAsync(RootCommand root, IReadOnlyList<string> settings, TextWriter stdout, TextWriter stderr,
        Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (settings.Count > 0 && !settings[0].StartsWith('-') && !settings[0].StartsWith('/'))
        {
            await stderr.WriteLineAsync($"Unknown command '{Shown(settings[0])}': the commands are {string.Join(", ", ConnectorCommandLine.Commands)}.").ConfigureAwait(false);
            WriteHelp(root, null, stderr, stderr);
            return ExitInvalidConfiguration;
        }
        return await RunSettingsAsync(ConnectorCommandLine.Run, settings, stdout, stderr, configure, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunSettingsAsync(string command, IReadOnlyList<string> settings, TextWriter stdout, TextWriter stderr,
        Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        if (SettingTokens.FirstProblem(settings) is { } problem)
        {
            await stderr.WriteLineAsync($"Invalid command line: {problem}").ConfigureAwait(false);
            return ExitInvalidConfiguration;
        }
        string[] args = [.. settings];
        if (command == ConnectorCommandLine.Status)
        {
            var builder = ConnectorHost.CreateBuilder(args);
            configure?.Invoke(builder);
            return await StatusCommand.RunAsync(builder.Configuration, stdout, stderr, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        return await RunHostAsync(command, args, stdout, stderr, configure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The help of the root or of <paramref name="commandName"/>, written by System.CommandLine's help action.</summary>
    private static int WriteHelp(RootCommand root, string? commandName, TextWriter output, TextWriter stderr)
    {
        if (commandName is not null && !root.Subcommands.Any(c => c.Name == commandName))
        {
            stderr.WriteLine($"Unknown command '{Shown(commandName)}': the commands are {string.Join(", ", ConnectorCommandLine.Commands)}.");
            return ExitInvalidConfiguration;
        }
        string[] args = commandName is null ? ["--help"] : [commandName, "--help"];
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = stderr });
    }

    /// <summary>A token as echoed in a message: never a value that follows '='.</summary>
    private static string Shown(string token) => token.Contains('=', StringComparison.Ordinal) ? token[..token.IndexOf('=', StringComparison.Ordinal)] + "=…" : token;

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
