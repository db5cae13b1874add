using System.Diagnostics;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Hosting;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

[Collection(WorkerCollection.Name)]
public sealed class CommandTests(AzuriteFixture azurite)
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(WorkerHarness h, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await ConnectorCommands.RunAsync(args, stdout, stderr, h.Configure(new KillSwitch(), new FailingNetwork()), CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Status_prints_each_partitions_checkpoint_as_a_table()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        h.Aws.Seed(["us-east-1", "eu-west-1"], 50);
        await h.StartWorkerAsync("us-east-1,eu-west-1");
        await Wait.UntilAsync(async () => (await h.Store.ListAsync(default)).Count == 2
            && (await h.Store.ListAsync(default)).All(c => c.Checkpoint.EventsDelivered == 50 && c.Checkpoint.ChunkEnd is null), "both partitions caught up");
        await h.StopWorkerAsync();

        // A third configured region that never ran has no checkpoint yet.
        var (code, output, errors) = await RunAsync(h, ["status", .. h.Settings("us-east-1,eu-west-1,ap-south-1")]);
        Assert.True(code == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains($"container '{h.ContainerName}'", lines[0]);
        Assert.Equal(["PARTITION", "STATE", "WATERMARK", "NEWEST", "EVENT", "LAG", "EVENTS", "SEEN", "IDS", "WRITER", "UPDATED"],
            lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("---", lines[2]);
        var rows = lines.Skip(3).ToDictionary(l => l.Split(' ')[0]);
        Assert.Equal(3, rows.Count);
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            var row = rows[$"{AwsWorld.Account}/{region}"];
            var stored = (await h.Store.ReadAsync(new PartitionKey(AwsWorld.Account, region), default))!.Checkpoint;
            Assert.Contains(" live ", row);
            Assert.Contains(StatusCommand.Time(stored.Watermark), row);
            Assert.Contains(StatusCommand.Time(stored.NewestEventTime!.Value), row);
            Assert.Contains(" 50 ", row);
            Assert.Contains(stored.Writer!, row);
        }
        Assert.Contains("no checkpoint", rows[$"{AwsWorld.Account}/ap-south-1"]);
        Assert.DoesNotContain(h.Aws.ExternalId, output);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start_with_the_key_named_and_nothing_started()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var (code, output, errors) = await RunAsync(h, ["run", .. h.Settings("us-east-1",
            $"{WorkerSettings.ReaderRoleArn}=not-an-arn", "Sink:Endpiont=https://typo.example", "Health:Interval=soon", $"{WorkerSettings.AwsPartition}=aws-cn")]);
        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Contains(WorkerSettings.ReaderRoleArn, errors);
        Assert.Contains("Sink:Endpiont is not a setting of the worker", errors);
        Assert.Contains("Health:Interval", errors);
        Assert.Contains("us-east-1", errors); // a region of another partition than Source:AwsPartition
        Assert.DoesNotContain(h.Aws.ExternalId, errors + output);
        Assert.DoesNotContain(h.Aws.BrokerKey.SecretAccessKey, errors + output);
        Assert.Equal(0, h.Aws.CloudTrail.Requests); // nothing started
        Assert.Equal(0, h.Ingestion.Counters.Requests);
    }

    [Fact]
    public async Task Check_config_prints_the_effective_settings_with_secrets_redacted()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var (code, output, errors) = await RunAsync(h, ["check-config", .. h.Settings("us-east-1,eu-west-1")]);
        Assert.True(code == 0, errors);
        Assert.Contains("\"Regions\": \"us-east-1,eu-west-1\"", output);
        Assert.Contains("\"StallAfter\": \"00:01:00\"", output);
        Assert.Contains("\"SettleDelay\": \"00:00:01\"", output);
        Assert.Contains(ConfigurationReport.Redacted, output);
        Assert.DoesNotContain(h.Aws.ExternalId, output);
        Assert.DoesNotContain(h.Aws.BrokerKey.SecretAccessKey, output);
        Assert.DoesNotContain("AccountKey=", output);
    }

    [Fact]
    public async Task The_real_executable_exits_non_zero_on_a_bad_setting_and_names_it_on_stderr()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SentinelAwsIac.Connector.dll");
        Assert.True(File.Exists(dll), dll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--Source:ReaderRoleArn=arn:aws:iam::1:role/x", "--Source:ExternalId=ext-123", "--Source:Regions=us-east-1",
                     "--Source:Broker:Mode=Default", "--Sink:Endpoint=https://dce.example.ingest.monitor.azure.com", "--Sink:RuleId=dcr-1",
                     "--Checkpoints:Store=File", "--Checkpoints:Directory=/tmp/never-written", "--urls=http://127.0.0.1:0" })
            info.ArgumentList.Add(a);
        foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList()) info.Environment.Remove(key);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, process.ExitCode);
        Assert.Contains("Source:ReaderRoleArn", await stderr);
        Assert.DoesNotContain("ext-123", await stderr + await stdout);
    }
}
