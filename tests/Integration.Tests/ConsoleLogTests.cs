using System.Text.Json;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

/// <summary>
/// The worker's console lines, as App Service's console log category ships them to the workspace and the workbook's
/// panel reads them (infra/Monitoring/WorkerLogQueries.cs): one JSON object a line, the level, category and message
/// as fields, the partition and the cause among the message's fields, and no secret and no event body.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ConsoleLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_console_line_is_one_JSON_object_with_the_partition_and_the_cause_and_no_secret()
    {
        await using var h = await WorkerHarness.StartAsync(azurite);
        var seeded = h.Aws.Seed(["us-east-1", "eu-west-1"], 40);
        // One region's reads fail for a while, and a few uploads are refused: the two kinds of warning an operator sees.
        h.Aws.CloudTrail.InjectFaults(AwsWorld.Account, "eu-west-1", 3, 500, "InternalFailure", "emulated outage");
        h.Ingestion.InjectFaults(2, new InjectedFault(503));
        await h.StartWorkerAsync("us-east-1,eu-west-1");
        await Wait.UntilAsync(() => h.AcceptedEventIds().Distinct().Count() == seeded.Count, "every seeded event delivered after the faults");
        await h.StopWorkerAsync();
        // The console logger writes from its own queue: wait for the two lines this test reads, not for a fixed time.
        await Wait.UntilAsync(() => h.ConsoleOutput.Writes.Any(w => w.Contains("InternalFailure", StringComparison.Ordinal) && w.Contains("eu-west-1", StringComparison.Ordinal))
            && h.ConsoleOutput.Writes.Any(w => w.Contains("503", StringComparison.Ordinal)), "the read failure's and the refused upload's console lines written");

        var writes = h.ConsoleOutput.Writes;
        Assert.NotEmpty(writes);
        var lines = new List<JsonElement>();
        foreach (var write in writes)
        {
            // One entry, one line: App Service makes a row of each line, so a line break inside an entry would split it.
            Assert.EndsWith(Environment.NewLine, write, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', write.TrimEnd('\r', '\n'));
            using var document = JsonDocument.Parse(write);
            var line = document.RootElement.Clone();
            Assert.Equal(JsonValueKind.Object, line.ValueKind);
            Assert.EndsWith("Z", line.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
            Assert.True(Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(line.GetProperty("LogLevel").GetString(), out _), write);
            Assert.False(string.IsNullOrWhiteSpace(line.GetProperty("Category").GetString()), write);
            Assert.False(string.IsNullOrWhiteSpace(line.GetProperty("Message").GetString()));
            lines.Add(line);
        }

        // The read failure names its partition as a field, so KQL reads it without parsing the message.
        Assert.Contains(lines, l => l.TryGetProperty("State", out var state) && state.TryGetProperty("Partition", out var p)
            && p.GetString()!.EndsWith("eu-west-1", StringComparison.Ordinal) && l.GetProperty("Message").GetString()!.Contains("InternalFailure", StringComparison.Ordinal));
        // The refused upload says what the service answered.
        Assert.Contains(lines, l => l.GetProperty("Message").GetString()!.Contains("503", StringComparison.Ordinal));

        var all = string.Concat(writes);
        Assert.DoesNotContain(h.Aws.ExternalId, all, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Aws.BrokerKey.SecretAccessKey, all, StringComparison.Ordinal);
        // No event body: every CloudTrail record carries eventVersion and its own eventID.
        Assert.DoesNotContain("eventVersion", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(seeded, e => all.Contains(e.EventId, StringComparison.Ordinal));
    }
}
