using Azure.Core.Pipeline;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogsIngestion;

namespace SentinelAwsIac.Connector.Tests.Sink;

/// <summary>The emulator on HTTPS, a client that trusts its certificate, a file dead-letter queue in a temporary folder, and a sink.</summary>
internal sealed class SinkHarness : IAsyncDisposable
{
    public static readonly string Stream = TableSchema.CustomStreamName(CloudTrailTable.DefaultName);
    public static readonly PartitionKey Partition = new("123456789012", "eu-west-1");

    /// <summary>A flush interval that never fires during a test: batches are then cut by size and explicit flushes only.</summary>
    public static readonly TimeSpan NeverOnItsOwn = TimeSpan.FromHours(1);

    private SinkHarness(LogsIngestionEmulator emulator, string deadLetterFolder)
    {
        Emulator = emulator;
        DeadLetterFolder = deadLetterFolder;
        Credential = new EmulatorTokenCredential(emulator.Tokens);
        DeadLetters = new FileDeadLetterQueue(deadLetterFolder);
    }

    public LogsIngestionEmulator Emulator { get; }
    public EmulatorTokenCredential Credential { get; }
    public FileDeadLetterQueue DeadLetters { get; }
    public string DeadLetterFolder { get; }
    public BatchingSink Sink { get; private set; } = null!;
    public LogsIngestionClient Client { get; private set; } = null!;

    public static async Task<SinkHarness> StartAsync(Action<SinkOptions>? configure = null, LogsIngestionEmulatorOptions? emulatorOptions = null,
        TimeProvider? time = null)
    {
        var emulator = await LogsIngestionEmulator.StartAsync(emulatorOptions);
        var harness = new SinkHarness(emulator, Path.Combine(Path.GetTempPath(), "sink-tests-" + Guid.NewGuid().ToString("N")));
        harness.Client = CreateClient(emulator, harness.Credential);
        var options = new SinkOptions
        {
            Endpoint = emulator.Endpoint.ToString(),
            RuleId = LogsIngestionEmulatorOptions.DefaultRuleId,
            StreamName = Stream,
            FlushInterval = TimeSpan.FromMilliseconds(200),
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        harness.Sink = new BatchingSink(harness.Client, options, harness.DeadLetters, timeProvider: time);
        return harness;
    }

    public static LogsIngestionClient CreateClient(LogsIngestionEmulator emulator, EmulatorTokenCredential credential, LogsIngestionClientOptions? options = null)
    {
        options ??= new LogsIngestionClientOptions();
        options.Transport = new HttpClientTransport(emulator.CreateTrustingHandler());
        options.Retry.MaxRetries = 0;
        return new LogsIngestionClient(emulator.Endpoint, credential, options);
    }

    /// <summary>Sends rows <paramref name="from"/>..<paramref name="from"/>+count-1 and returns their acks.</summary>
    public async Task<RecordingAck[]> SendAsync(int count, int from = 0, Func<int, byte[]>? row = null)
    {
        var acks = new RecordingAck[count];
        for (var i = 0; i < count; i++)
        {
            acks[i] = new RecordingAck();
            await Sink.SendAsync(new SinkRecord(Partition, (row ?? (n => CloudTrailRows.Row(n)))(from + i), acks[i]), CancellationToken.None);
        }
        return acks;
    }

    public async Task<List<DeadLetterEntry>> ReadDeadLettersAsync()
    {
        var entries = new List<DeadLetterEntry>();
        await foreach (var entry in FileDeadLetterQueue.ReadAllAsync(DeadLetterFolder)) entries.Add(entry);
        return entries;
    }

    /// <summary>AwsEventId of every accepted row, in arrival order.</summary>
    public List<string> AcceptedEventIds() =>
        Emulator.AcceptedRows(Stream).Select(r => r.GetProperty("AwsEventId").GetString()!).ToList();

    /// <summary>Waits for a condition with a generous deadline (the machine may be loaded); fails the test when it never holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sink.DisposeAsync();
        await DeadLetters.DisposeAsync();
        await Emulator.DisposeAsync();
        if (Directory.Exists(DeadLetterFolder)) Directory.Delete(DeadLetterFolder, recursive: true);
    }
}
