using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

[Collection(WorkerCollection.Name)]
public sealed class DeadLetterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Unparsable_records_and_rows_the_service_rejects_are_dead_lettered_with_reasons_and_the_rest_goes_on()
    {
        // A rule whose event stream declares ErrorCode as a number: the service answers 400 for every row that carries an
        // error code, and only for those (the emulator checks each row against the stream's columns).
        var columns = CloudTrailTable.Columns.Select(c => c.Name == "ErrorCode" ? c with { Type = ColumnType.Long } : c).ToList();
        var options = new LogsIngestionEmulatorOptions();
        options.Rules[LogsIngestionEmulatorOptions.DefaultRuleId][WorkerHarness.EventStream] = columns;
        await using var h = await WorkerHarness.StartAsync(azurite, options);

        var seeded = h.Aws.Seed(["us-east-1"], 200);
        var rejected = seeded.Where(e => e.CloudTrailEventJson.Contains("\"errorCode\"", StringComparison.Ordinal)).Select(e => e.EventId).ToHashSet();
        Assert.NotEmpty(rejected); // the generator writes errorCode for a share of its events
        var now = DateTimeOffset.UtcNow;
        var broken = Enumerable.Range(0, 4).Select(i => h.Aws.Generator.Create(AwsWorld.Account, "us-east-1", now.AddMinutes(-30 - i)))
            .Select(e => e with { CloudTrailEventJson = "{\"eventVersion\":\"1.11\",\"eventTime\": not json" }).ToList();
        h.Aws.CloudTrail.AddEvents(AwsWorld.Account, "us-east-1", broken);

        await h.StartWorkerAsync("us-east-1");
        var good = seeded.Select(e => e.EventId).Where(id => !rejected.Contains(id)).ToList();
        await Wait.UntilAsync(() => h.AcceptedEventIds().Count >= good.Count, "every acceptable row delivered");
        await Wait.UntilAsync(async () => (await h.DeadLettersAsync()).Count >= rejected.Count + broken.Count, "dead letters written");
        await Wait.UntilAsync(() => h.HealthRows().Sum(r => r.GetProperty("DeadLetters").GetInt64()) >= rejected.Count + broken.Count, "health rows count the dead letters");
        await h.StopWorkerAsync();

        Assert.Equal(good.Order(), h.AcceptedEventIds().Order());
        var letters = await h.DeadLettersAsync();
        Assert.Equal(rejected.Count + broken.Count, letters.Count);
        var map = letters.Where(l => l.GetProperty("stage").GetString() == "map").ToList();
        var sink = letters.Where(l => l.GetProperty("stage").GetString() == "sink").ToList();
        Assert.Equal(broken.Count, map.Count);
        Assert.All(map, l =>
        {
            Assert.Contains("not json", l.GetProperty("raw").GetString());
            Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("reason").GetString()));
        });
        Assert.Equal(rejected.Count, sink.Count);
        Assert.All(sink, l =>
        {
            Assert.Contains("ErrorCode", l.GetProperty("reason").GetString()); // the service's 400 message names the column
            Assert.Equal($"{AwsWorld.Account}/us-east-1", l.GetProperty("partition").GetString());
        });
        Assert.Equal(rejected.Order(), sink.Select(l => System.Text.Json.JsonDocument.Parse(l.GetProperty("raw").GetString()!).RootElement.GetProperty("AwsEventId").GetString()!).Order());
    }
}
