using SentinelAwsIac.Connector.Hosting;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Hosting;

/// <summary>
/// The worker's command line as an operator meets it (<see cref="ConnectorCommands.RunAsync"/>, what Program.cs calls):
/// help for the worker and each command, an unknown command, tokens that are not settings, and settings that reach
/// the host. None of these starts the worker: the runs here stop at validation or are check-config.
/// </summary>
public sealed class ConnectorCommandLineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cli-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await ConnectorCommands.RunAsync(args, stdout, stderr, cancellationToken: CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every setting a valid check-config needs, none of which reaches a service.</summary>
    private string[] ValidSettings() =>
    [
        "--Source:ReaderRoleArn=arn:aws:iam::111122223333:role/SentinelCloudTrailReader",
        "--Source:ExternalId=ext-secret-4711",
        "--Source:Broker:Mode=Default",
        "--Sink:Endpoint=https://dce-1.westeurope-1.ingest.monitor.azure.com",
        "--Sink:RuleId=dcr-00000000000000000000000000000001",
        "--Checkpoints:Store=File",
        $"--Checkpoints:Directory={_folder}",
    ];

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_the_usage_and_every_command_and_starts_nothing(string help)
    {
        var (code, output, errors) = await RunAsync(help);

        Assert.Equal(ConnectorCommands.ExitOk, code);
        Assert.Equal("", errors); // no configuration errors: the worker was not started
        Assert.Contains("Usage:", output);
        Assert.Contains("SentinelAwsIac.Connector [--Section:Key=value ...]", output);
        Assert.Contains("  run ", output);
        Assert.Contains("  status ", output);
        Assert.Contains("  check-config ", output);
        Assert.Contains("  help ", output);
        Assert.Contains("Exit codes: 0 stopped, 1 failed while running, 2 invalid settings.", output);
        Assert.Contains("connector/README.md", output);
    }

    [Theory]
    [InlineData("status", "--help")]
    [InlineData("status", "-h")]
    [InlineData("help", "status")]
    public async Task Each_command_has_its_own_help(string first, string second)
    {
        var (code, output, errors) = await RunAsync(first, second);

        Assert.Equal(ConnectorCommands.ExitOk, code);
        Assert.Equal("", errors);
        Assert.Contains(" status [<settings>...] [options]", output); // usage line (the root is named after the entry assembly)
        Assert.Contains("Print each partition's checkpoint", output);
        Assert.Contains("Exit codes: 0, 1 store unreadable, 2 invalid settings.", output);
        Assert.Contains("<--Section:Key=value>", output);
        Assert.DoesNotContain("check-config", output); // its own help, not the root's
    }

    [Fact]
    public async Task Run_and_check_config_have_help_too()
    {
        var run = await RunAsync("run", "--help");
        var checkConfig = await RunAsync("help", "check-config");

        Assert.Equal((ConnectorCommands.ExitOk, ""), (run.Code, run.Err));
        Assert.Contains("until stopped (Ctrl+C, SIGTERM)", run.Out);
        Assert.Equal((ConnectorCommands.ExitOk, ""), (checkConfig.Code, checkConfig.Err));
        Assert.Contains("secrets redacted. Exit codes: 0 valid, 2 invalid settings.", checkConfig.Out);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_that_lists_the_commands()
    {
        var (code, output, errors) = await RunAsync("strat", "--Source:Regions=us-east-1");

        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Equal("", output);
        Assert.StartsWith("Unknown command 'strat': the commands are run, status, check-config, help.", errors);
        Assert.Contains("Usage:", errors); // the help follows, on stderr
    }

    [Fact]
    public async Task Help_for_an_unknown_command_is_a_usage_error()
    {
        var (code, _, errors) = await RunAsync("help", "strat");

        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Contains("Unknown command 'strat'", errors);
    }

    [Fact]
    public async Task A_setting_without_dashes_in_the_command_position_is_not_echoed_with_its_value()
    {
        var (code, _, errors) = await RunAsync("Source:ExternalId=ext-secret-4711");

        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Contains("Unknown command 'Source:ExternalId=…'", errors);
        Assert.DoesNotContain("ext-secret-4711", errors);
    }

    [Theory]
    [InlineData(new[] { "check-config", "typo" }, "'typo' is not a setting: write settings as --Section:Key=value")]
    [InlineData(new[] { "check-config", "--Source:Regions" }, "'--Source:Regions' has no value: write --Source:Regions=<value>.")]
    [InlineData(new[] { "check-config", "-Source:Regions=us-east-1" }, "'-Source:Regions' is not a setting: write it with two dashes, --Source:Regions=<value>.")]
    [InlineData(new[] { "--Checkpoints:Store=File", "status" }, "'--Checkpoints:Store=…' comes before the command 'status': put the settings after it")]
    public async Task A_token_that_the_configuration_would_drop_is_refused_with_the_form_to_use(string[] args, string expected)
    {
        var (code, output, errors) = await RunAsync(args);

        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Equal("", output);
        Assert.StartsWith($"Invalid command line: {expected}", errors);
    }

    [Fact]
    public async Task Settings_after_check_config_reach_the_host_in_both_forms_and_secrets_stay_redacted()
    {
        var (code, output, errors) = await RunAsync(["check-config", .. ValidSettings(), "--Source:Regions", "us-east-1,eu-west-1", "--Health:StallAfter=00:07:00"]);

        Assert.True(code == ConnectorCommands.ExitOk, errors);
        Assert.Contains("\"Regions\": \"us-east-1,eu-west-1\"", output); // --Key value
        Assert.Contains("\"StallAfter\": \"00:07:00\"", output);        // --Key=value
        Assert.Contains("\"ReaderRoleArn\": \"arn:aws:iam::111122223333:role/SentinelCloudTrailReader\"", output);
        Assert.DoesNotContain("ext-secret-4711", output + errors);
    }

    [Fact]
    public async Task Settings_without_a_command_go_to_run_which_validates_them_first()
    {
        // All but the regions: run refuses to start and names exactly the missing one, so the others reached the host.
        var (code, output, errors) = await RunAsync(ValidSettings());

        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Equal("", output);
        Assert.Contains("Invalid configuration (1 problem); nothing was started:", errors);
        Assert.Contains("Source:Regions is empty", errors);
        Assert.DoesNotContain("ext-secret-4711", errors);
    }
}
