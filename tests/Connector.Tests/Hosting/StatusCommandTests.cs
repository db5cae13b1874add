using Microsoft.Extensions.Configuration;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Hosting;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Hosting;

public sealed class StatusCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "status-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Table_shows_live_stale_and_missing_partitions_and_skips_marker_entries()
    {
        var now = DateTimeOffset.UtcNow;
        var store = new FileCheckpointStore(_folder);
        await store.WriteAsync(new PartitionKey("111122223333", "us-east-1"), new PartitionCheckpoint
        {
            Watermark = now.AddMinutes(-3),
            NewestEventTime = now.AddMinutes(-4),
            EventsDelivered = 12345,
            UpdatedAt = now.AddSeconds(-10),
            Writer = "host-a/42",
            // An older checkpoint version kept its sweep floor as a '~' marker entry: not an event.
            RecentEventIds = [new("~sweep-floor", now.AddMinutes(-13)), new("e1", now.AddMinutes(-5)), new("e2", now.AddMinutes(-5))],
        }, null, default);
        await store.WriteAsync(new PartitionKey("111122223333", "eu-west-1"), new PartitionCheckpoint
        {
            Watermark = now.AddDays(-2).AddHours(-3),
            ChunkEnd = now.AddDays(-2),
            EventsDelivered = 7,
            UpdatedAt = now.AddHours(-1),
            Writer = "host-b/7",
        }, null, default);

        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Checkpoints:Store"] = "File",
            ["Checkpoints:Directory"] = _folder,
            ["Source:ReaderRoleArn"] = "arn:aws:iam::111122223333:role/Reader",
            ["Source:ExternalId"] = "ext-12345",
            ["Source:Regions"] = "us-east-1,eu-west-1,ap-south-1",
            ["Source:Broker:Mode"] = "Default",
        }).Build();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await StatusCommand.RunAsync(config, stdout, stderr, TimeProvider.System, default);

        Assert.True(code == 0, stderr.ToString());
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var rows = lines.Skip(3).ToDictionary(l => l.Split(' ')[0], l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var east = rows["111122223333/us-east-1"];
        Assert.Equal(["live", StatusCommand.Time(now.AddMinutes(-3)), StatusCommand.Time(now.AddMinutes(-4))], east[1..4]);
        Assert.Matches(@"^3m \d\ds$", east[4]); // lag: the command's clock reads a little later than the test's
        Assert.Equal(["12,345", "2", "host-a/42"], east[5..8]);
        Assert.Equal("stale", rows["111122223333/eu-west-1"][1]);
        Assert.Equal("2d 3h", rows["111122223333/eu-west-1"][4]);
        Assert.Equal("no checkpoint", rows["111122223333/ap-south-1"][1]);
        Assert.DoesNotContain("ext-12345", stdout.ToString());
    }

    [Fact]
    public async Task Without_checkpoint_settings_it_names_the_key_and_exits_2()
    {
        var stderr = new StringWriter();
        var code = await StatusCommand.RunAsync(new ConfigurationBuilder().Build(), new StringWriter(), stderr, TimeProvider.System, default);
        Assert.Equal(ConnectorCommands.ExitInvalidConfiguration, code);
        Assert.Contains("Checkpoints:ContainerUri", stderr.ToString());
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(125, "2m 05s")]
    [InlineData(3 * 3600 + 60, "3h 01m")]
    [InlineData(2 * 86400 + 3 * 3600, "2d 3h")]
    public void Spans_read_at_a_glance(int seconds, string expected) => Assert.Equal(expected, StatusCommand.Span(TimeSpan.FromSeconds(seconds)));
}
