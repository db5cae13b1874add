using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>A parked partition stays parked while it retries, so /healthz never sees it as stalled; on a fake clock.</summary>
public sealed class ParkedPartitionTests
{
    private static readonly PartitionKey Partition = new("123456789012", "me-south-1");

    /// <summary>Each LookupEvents call waits until the test answers it.</summary>
    private sealed class ScriptedClient : ILookupEventsClient
    {
        public Channel<TaskCompletionSource<LookupEventsResponse>> Calls { get; } = Channel.CreateUnbounded<TaskCompletionSource<LookupEventsResponse>>();

        public Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
        {
            var answer = new TaskCompletionSource<LookupEventsResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            Calls.Writer.TryWrite(answer);
            return answer.Task;
        }
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            try { await Task.Delay(10, deadline.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"Gave up waiting for: {what}"); }
        }
    }

    [Fact]
    public async Task A_parked_partition_is_parked_during_its_retry_and_running_once_a_read_succeeds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var source = new SourceOptions
        {
            ReaderRoleArn = $"arn:aws:iam::{Partition.AccountId}:role/reader",
            ExternalId = "x",
            Regions = Partition.Region,
            ParkRetryInterval = TimeSpan.FromMinutes(15),
        };
        var registry = new PartitionStatusRegistry(time);
        var health = new HealthMonitor(Microsoft.Extensions.Options.Options.Create(new HealthOptions { StallAfter = TimeSpan.FromMinutes(5) }),
            Microsoft.Extensions.Options.Options.Create(source), registry, new DeadLetterCounter(new MemoryDeadLetters()), () => null, time);
        var client = new ScriptedClient();
        var runner = new PartitionRunner(Partition, client, new IdMapper(), new RecordingSink(), new MemoryCheckpointStore(), new MemoryDeadLetters(),
            source, registry, NullLogger<PartitionRunner>.Instance, time);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => runner.RunAsync(stop.Token));

        // The region answers as a region that is not enabled does.
        var first = await client.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        first.SetException(new CloudTrailServiceException("UnrecognizedClientException", HttpStatusCode.BadRequest,
            "The security token included in the request is invalid.", "req-1", Partition.Region));
        await UntilAsync(() => registry.Get(Partition)?.State == PartitionState.Parked, "the partition to park");

        // Past the park interval it tries again; while that call is out, and past StallAfter, it is still parked. The
        // runner may not have started its wait on the fake clock yet when the state reads parked: an advance made
        // before the wait began would be lost, so advance again until the retry comes (more time only adds margin).
        TaskCompletionSource<LookupEventsResponse>? retry = null;
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!client.Calls.Reader.TryRead(out retry))
            {
                time.Advance(source.ParkRetryInterval);
                try { await client.Calls.Reader.WaitToReadAsync(deadline.Token).AsTask().WaitAsync(TimeSpan.FromMilliseconds(100), deadline.Token); }
                catch (TimeoutException) { }
                catch (OperationCanceledException) { throw new TimeoutException("Gave up waiting for the parked partition's retry"); }
            }
        }
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(PartitionState.Parked, registry.Get(Partition)!.State);
        var report = health.Report();
        Assert.True(report.Healthy, string.Join("; ", report.Problems));

        // The region answers now: the partition runs.
        retry.SetResult(new LookupEventsResponse());
        await UntilAsync(() => registry.Get(Partition)?.State == PartitionState.Running, "the partition to run after a successful read");

        await stop.CancelAsync();
        while (client.Calls.Reader.TryRead(out var pending)) pending.TrySetCanceled();
        await run.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
