using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Pipeline.S3;
using SentinelAwsIac.Connector.Source.S3;
using SentinelAwsIac.Connector.Tests.Sink;
using SentinelAwsIac.Connector.Tests.Source.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline.S3;

/// <summary>The S3 source end to end against moto (S3, SQS, S3's notifications to SQS) and our Logs Ingestion
/// emulator: every record of every log file lands once, messages are deleted only after their rows were
/// acknowledged, and what is not a log file is skipped or dead-lettered with the reason.</summary>
public sealed class S3QueueDrainTests : IAsyncLifetime
{
    private MotoServer _moto = null!;

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync();

    public async Task DisposeAsync() => await _moto.DisposeAsync();

    private static S3QueueDrain Drain(S3World world, SinkHarness sink, Action<S3SourceOptions>? configure = null)
    {
        var options = world.Options;
        options.WaitTimeSeconds = 1;
        configure?.Invoke(options);
        return new S3QueueDrain(new S3NotificationReceiver(world.Sqs, options), new S3LogFileReader(world.S3), new CloudTrailRecordMapper(), sink.Sink,
            sink.DeadLetters, options, NullLogger<S3QueueDrain>.Instance, TimeProvider.System);
    }

    /// <summary>Runs the drain until <paramref name="done"/> holds (checked every 200 ms, 60 s at most), then stops it.</summary>
    private static async Task RunUntilAsync(S3QueueDrain drain, Func<Task<bool>> done)
    {
        using var stop = new CancellationTokenSource();
        var run = drain.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            Assert.False(run.IsCompleted, $"the drain ended early: {run.Exception}");
            Assert.True(DateTime.UtcNow < deadline, "the drain did not get there within 60 s");
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static IEnumerable<string> EventIds(SinkHarness sink) =>
        sink.Emulator.AcceptedRows(SinkHarness.Stream).Select(r => r.GetProperty("AwsEventId").GetString()!);

    [Fact]
    public async Task Every_record_of_every_notified_log_file_lands_once_and_the_messages_are_deleted()
    {
        await using var world = await S3World.CreateAsync(_moto);
        await using var sink = await SinkHarness.StartAsync();
        var east = world.Events("us-east-1", 120);
        var west = world.Events("eu-west-1", 75);
        await world.PutAsync(world.LogKey("us-east-1"), S3World.LogFile(east));
        await world.PutAsync(world.LogKey("eu-west-1", org: "o-a1b2c3d4e5"), S3World.LogFile(west));
        await world.PutAsync(world.LogKey("us-east-1", name: " with space+plus"), S3World.LogFile([]));
        // Digest files and other objects are announced too when the suffix matches; they are skipped.
        await world.PutAsync($"AWSLogs/{S3World.Account}/CloudTrail-Digest/us-east-1/2026/12/07/d.json.gz", S3World.LogFile([]));
        await world.PutAsync($"AWSLogs/{S3World.Account}/CloudTrail-Insight/us-east-1/2026/12/07/i.json.gz", S3World.LogFile([]));

        var drain = Drain(world, sink);
        await RunUntilAsync(drain, async () => await world.MessagesLeftAsync() == 0 && EventIds(sink).Count() >= 195);

        Assert.Equal(east.Concat(west).Select(e => e.EventId).Order(StringComparer.Ordinal), EventIds(sink).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Equal(EventIds(sink).Count(), EventIds(sink).Distinct().Count());
        Assert.Equal(2, drain.Counters.SkippedFiles);
        Assert.Equal(3, drain.Counters.Files);
        Assert.Equal(195, drain.Counters.Records);
        Assert.Equal(5, drain.Counters.Messages - drain.Counters.TestEvents);
        Assert.Equal(drain.Counters.Messages, drain.Counters.DeletedMessages);
        Assert.Empty(await sink.ReadDeadLettersAsync());
    }

    [Fact]
    public async Task A_redelivered_notification_adds_no_duplicate()
    {
        await using var world = await S3World.CreateAsync(_moto, notify: false);
        await using var sink = await SinkHarness.StartAsync();
        var events = world.Events("us-east-1", 40);
        var key = world.LogKey("us-east-1");
        await world.PutAsync(key, S3World.LogFile(events));
        var notification = Notification(world.Bucket, key);
        await world.SendAsync(notification);
        await world.SendAsync(notification); // SQS delivers at least once

        var drain = Drain(world, sink);
        await RunUntilAsync(drain, async () => await world.MessagesLeftAsync() == 0);

        Assert.Equal(events.Select(e => e.EventId).Order(StringComparer.Ordinal), EventIds(sink).Order(StringComparer.Ordinal));
        Assert.Equal(40, drain.Counters.Duplicates);
    }

    [Fact]
    public async Task Sns_wrapped_and_test_event_messages_are_understood()
    {
        await using var world = await S3World.CreateAsync(_moto, notify: false);
        await using var sink = await SinkHarness.StartAsync();
        var events = world.Events("ap-southeast-2", 10);
        var key = world.LogKey("ap-southeast-2");
        await world.PutAsync(key, S3World.LogFile(events));
        await world.SendAsync(JsonSerializer.Serialize(new { Type = "Notification", TopicArn = "arn:aws:sns:us-east-1:123456789012:trail", Message = Notification(world.Bucket, key) }));
        await world.SendAsync("""{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"b"}""");

        var drain = Drain(world, sink);
        await RunUntilAsync(drain, async () => await world.MessagesLeftAsync() == 0);

        Assert.Equal(10, EventIds(sink).Count());
        Assert.Equal(1, drain.Counters.TestEvents);
    }

    [Fact]
    public async Task A_file_that_is_not_gzipd_json_and_a_message_that_is_no_notification_are_dead_lettered_with_the_reason()
    {
        await using var world = await S3World.CreateAsync(_moto, notify: false);
        await using var sink = await SinkHarness.StartAsync();
        var key = world.LogKey("us-east-1");
        await world.PutAsync(key, "this is not gzip"u8.ToArray());
        await world.SendAsync(Notification(world.Bucket, key));
        await world.SendAsync("hello");

        var drain = Drain(world, sink);
        await RunUntilAsync(drain, async () => await world.MessagesLeftAsync() == 0);

        var letters = await sink.ReadDeadLettersAsync();
        Assert.Equal(2, letters.Count);
        Assert.Contains(letters, l => l.Reason.Contains($"s3://{world.Bucket}/{key} is not a gzip'd CloudTrail log file", StringComparison.Ordinal) && l.Partition.AccountId == S3World.Account);
        Assert.Contains(letters, l => l.Reason.Contains("is not an S3 event notification", StringComparison.Ordinal) && l.Raw == "hello");
        Assert.Empty(EventIds(sink));
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_leaves_its_message_until_it_is_poison()
    {
        await using var world = await S3World.CreateAsync(_moto, notify: false);
        await using var sink = await SinkHarness.StartAsync();
        // The bucket does not exist: S3 answers NoSuchBucket, a failure that may pass, so the message comes back.
        var body = Notification("no-such-bucket-" + Guid.NewGuid().ToString("N")[..8], world.LogKey("us-east-1"));
        await world.SendAsync(body);

        var drain = Drain(world, sink, o => { o.VisibilityTimeout = TimeSpan.FromSeconds(1); o.MaxReceiveCount = 2; });
        await RunUntilAsync(drain, async () => await world.MessagesLeftAsync() == 0);

        var letter = Assert.Single(await sink.ReadDeadLettersAsync());
        Assert.Contains("was received 3 times, more than S3Source:MaxReceiveCount (2)", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(body, letter.Raw);
        Assert.Equal(1, drain.Counters.PoisonMessages);
    }

    private static string Notification(string bucket, string key) => JsonSerializer.Serialize(new
    {
        Records = new[]
        {
            new
            {
                eventVersion = "2.1", eventSource = "aws:s3", awsRegion = MotoServer.Region, eventName = "ObjectCreated:Put",
                s3 = new { bucket = new { name = bucket }, @object = new { key = Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal), size = 1 } },
            },
        },
    });
}
