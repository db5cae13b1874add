using System.CommandLine;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// The worker's command line as System.CommandLine symbols: the commands <c>run</c> (also the default), <c>status</c>,
/// <c>check-config</c> and <c>help</c>, each with its help (<c>-h</c>, <c>--help</c>), and the settings that follow a
/// command as one argument, handed to the host's configuration unchanged. What each command does is given by the caller
/// (<see cref="ConnectorCommands"/>).
/// </summary>
internal static class ConnectorCommandLine
{
    public const string Run = "run";
    public const string Status = "status";
    public const string CheckConfig = "check-config";
    public const string Help = "help";

    public static readonly string[] Commands = [Run, Status, CheckConfig, Help];

    private const string SettingsHelp =
        "Settings as --Section:Key=value (e.g. --Source:Regions=us-east-1,eu-west-1). They override environment variables " +
        "(Source__Regions=...), which override appsettings.json. Every setting: connector/README.md.";

    /// <summary>The settings argument of a command: every token after the command that is not its help option.</summary>
    public static Argument<string[]> NewSettings() => new("settings")
    {
        Arity = ArgumentArity.ZeroOrMore,
        HelpName = "--Section:Key=value",
        Description = SettingsHelp,
    };

    /// <param name="run">The root's action (settings argument null: the settings are the unmatched tokens, and the first
    /// may be an unknown command) and <c>run</c>'s.</param>
    public static RootCommand Build(
        Func<ParseResult, Argument<string[]>?, CancellationToken, Task<int>> run,
        Func<ParseResult, Argument<string[]>, CancellationToken, Task<int>> status,
        Func<ParseResult, Argument<string[]>, CancellationToken, Task<int>> checkConfig,
        Func<ParseResult, Argument<string>, CancellationToken, Task<int>> help)
    {
        var root = new RootCommand(
            "SentinelAwsIac.Connector: drains AWS CloudTrail LookupEvents into the Azure Monitor Logs Ingestion API, one partition per " +
            "account and region, checkpointing each past what was delivered. Without a command it runs, as 'run' does: " +
            "SentinelAwsIac.Connector [--Section:Key=value ...]. " + SettingsHelp)
        {
            // The settings of a run without a command are the root's unmatched tokens (an argument of its own would show
            // in every command's usage line).
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((result, ct) => run(result, null, ct));

        root.Add(Command(Run,
            "Validate every setting, then run the partitions, the health rows and /healthz until stopped (Ctrl+C, SIGTERM). " +
            "Exit codes: 0 stopped, 1 failed while running, 2 invalid settings.", run));
        root.Add(Command(Status,
            "Print each partition's checkpoint from the checkpoint store as a table (state, watermark, lag, events, writer). Needs only " +
            "the Checkpoints settings; with the Source settings it also lists the partitions that have no checkpoint yet. " +
            "Exit codes: 0, 1 store unreadable, 2 invalid settings.", status));
        root.Add(Command(CheckConfig,
            "Validate the settings and print the effective configuration (defaults included) with secrets redacted. " +
            "Exit codes: 0 valid, 2 invalid settings.", checkConfig));

        var helpCommand = new Command(Help, "Show the help of the worker, or of one command (help status). Exit code 0.");
        var commandName = new Argument<string>("command") { Arity = ArgumentArity.ZeroOrOne, Description = "run, status or check-config" };
        helpCommand.Add(commandName);
        helpCommand.SetAction((result, ct) => help(result, commandName, ct));
        root.Add(helpCommand);
        return root;
    }

    private static Command Command(string name, string description, Func<ParseResult, Argument<string[]>, CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description);
        var settings = NewSettings();
        command.Add(settings);
        command.SetAction((result, ct) => action(result, settings, ct));
        return command;
    }
}
