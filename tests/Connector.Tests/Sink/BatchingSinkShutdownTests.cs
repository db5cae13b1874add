using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Tests.Support;
using SentinelAwsIac.Emulators.LogsIngestion;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

/// <summary>Stopping the sink never throws a delivery failure, and rows it did not deliver stay unacknowledged.</summary>
public sealed class BatchingSinkShutdownTests
{
    /// <summary>Holds every request until its token fires, then fails it the way Azure.Core reports a broken connection
    /// (<see cref="RequestFailedException"/>), so the failure reaches the sink after the stop began: the race of a
    /// network fault during a deployment swap, made certain.</summary>
    private sealed class ConnectionCutAtStop : HttpPipelinePolicy
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Entered => _entered.Task;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("the sink uploads asynchronously");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            _entered.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, message.CancellationToken); }
            catch (OperationCanceledException) { }
            throw new RequestFailedException("Connection reset by peer");
        }
    }

    private static (BatchingSink Sink, ConnectionCutAtStop Network, CapturingLogger<BatchingSink> Log) Create(SinkHarness h, Action<SinkOptions>? configure = null)
    {
        var network = new ConnectionCutAtStop();
        var clientOptions = new LogsIngestionClientOptions { Transport = new HttpClientTransport(h.Emulator.CreateTrustingHandler()) };
        clientOptions.AddPolicy(network, HttpPipelinePosition.PerCall);
        clientOptions.Retry.MaxRetries = 0;
        var client = new LogsIngestionClient(h.Emulator.Endpoint, h.Credential, clientOptions);
        var options = new SinkOptions
        {
            Endpoint = h.Emulator.Endpoint.ToString(),
            RuleId = LogsIngestionEmulatorOptions.DefaultRuleId,
            StreamName = SinkHarness.Stream,
            FlushInterval = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        var log = new CapturingLogger<BatchingSink>();
        return (new BatchingSink(client, options, h.DeadLetters, log), network, log);
    }

    [Fact]
    public async Task Dispose_while_an_upload_fails_at_the_stop_does_not_throw_and_acknowledges_nothing()
    {
        await using var h = await SinkHarness.StartAsync();
        var (sink, network, log) = Create(h);
        var acks = Enumerable.Range(0, 20).Select(_ => new RecordingAck()).ToArray();
        for (var i = 0; i < acks.Length; i++)
            await sink.SendAsync(new SinkRecord(SinkHarness.Partition, CloudTrailRows.Row(i), acks[i]), CancellationToken.None);
        var flush = sink.FlushAsync(CancellationToken.None);
        await network.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        await sink.DisposeAsync(); // throws if the cut upload's failure escapes

        Assert.All(acks, a => Assert.Equal(0, a.Count));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flush); // the flush did not deliver its rows
        Assert.Empty(h.AcceptedEventIds());
        Assert.Empty(log.AtLeast(LogLevel.Warning)); // a stop is not a failure of the service
    }

    [Fact]
    public async Task Dispose_with_rows_still_batched_and_a_flush_queued_ends_the_flush_cancelled()
    {
        await using var h = await SinkHarness.StartAsync();
        var (sink, network, _) = Create(h, o => o.MaxConcurrency = 1);
        // The first batch holds the only upload slot; the rows after it wait in the batcher.
        await sink.SendAsync(new SinkRecord(SinkHarness.Partition, CloudTrailRows.Row(0), new RecordingAck()), CancellationToken.None);
        var firstFlush = sink.FlushAsync(CancellationToken.None);
        await network.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        var later = new RecordingAck();
        await sink.SendAsync(new SinkRecord(SinkHarness.Partition, CloudTrailRows.Row(1), later), CancellationToken.None);
        var secondFlush = sink.FlushAsync(CancellationToken.None);

        await sink.DisposeAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstFlush);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => secondFlush.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, later.Count);
        await sink.DisposeAsync(); // a second dispose is a no-op
    }
}
