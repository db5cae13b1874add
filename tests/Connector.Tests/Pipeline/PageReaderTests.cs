using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>The page reader over a scripted LookupEvents client, on a clock that runs every wait at once.</summary>
public sealed class PageReaderTests
{
    private static readonly PartitionKey Partition = new("123456789012", "eu-west-1");
    private static readonly DateTimeOffset T = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Answers each call with the next scripted step: a page, or an exception to throw.</summary>
    private sealed class ScriptedClient(params object[] steps) : ILookupEventsClient
    {
        private int _next;
        public ConcurrentQueue<LookupEventsRequest> Requests { get; } = new();

        public Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Enqueue(request);
            return steps[_next++] switch
            {
                LookupEventsResponse page => Task.FromResult(page),
                Exception e => Task.FromException<LookupEventsResponse>(e),
                var other => throw new InvalidOperationException($"bad step {other}"),
            };
        }
    }

    private static CloudTrailEvent Event(string id, DateTimeOffset at) => new(id, at, "Get", "s3.amazonaws.com", null, "true", null, $"{{\"eventID\":\"{id}\"}}");

    private sealed class Reading : IAsyncDisposable
    {
        private readonly CancellationTokenSource _clock = new();
        private readonly Task _advancing;

        public Reading(ScriptedClient client, Func<CloudTrailEvent, bool>? unmappable = null)
        {
            Time = new WatchedTime(T);
            _advancing = Time.AdvanceEveryTimerAsync(_clock.Token);
            var status = new PartitionStatusRegistry(Time);
            Tracker = status.For(Partition);
            Reader = new PageReader(Partition, client, new IdMapper(unmappable), Sink, DeadLetters,
                new SourceOptions { ReaderRoleArn = "arn:aws:iam::123456789012:role/r", ExternalId = "x", Regions = Partition.Region },
                Tracker, NullLogger.Instance, Time, "test");
            Committer = new CheckpointCommitter(Store, Partition, null, Tracker, NullLogger.Instance, Time);
        }

        public WatchedTime Time { get; }
        public PartitionTracker Tracker { get; }
        public RecordingSink Sink { get; } = new();
        public MemoryDeadLetters DeadLetters { get; } = new();
        public MemoryCheckpointStore Store { get; } = new();
        public PageReader Reader { get; }
        public CheckpointCommitter Committer { get; }

        public async ValueTask DisposeAsync()
        {
            await _clock.CancelAsync();
            await _advancing;
        }
    }

    [Fact]
    public async Task Pages_are_followed_by_NextToken_each_event_delivered_once_and_each_page_queued_for_its_checkpoint()
    {
        var client = new ScriptedClient(
            new LookupEventsResponse { Events = [Event("e1", T.AddSeconds(-5)), Event("e0", T.AddSeconds(-4)), Event("e2", T.AddSeconds(-3))], NextToken = "n1" },
            new LookupEventsResponse { Events = [Event("e2", T.AddSeconds(-3)), Event("e3", T.AddSeconds(-8)), Event("bad", T.AddSeconds(-9))] });
        await using var r = new Reading(client, e => e.EventId == "bad");
        var state = ReadState.Initial(T.AddMinutes(-1));
        state.Seen["e0"] = T.AddSeconds(-4); // read before, by an earlier range
        state.Chunk = new Chunk(T.AddMinutes(-1), T, null, T, Settled: false);

        await r.Reader.ReadRangeAsync(state, r.Committer, T.AddMinutes(-1), T, isSweep: false, CancellationToken.None);

        var requests = client.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal((null, "n1"), (requests[0].NextToken, requests[1].NextToken));
        Assert.All(requests, q => Assert.Equal((T.AddMinutes(-1), T, 50), (q.StartTime!.Value, q.EndTime!.Value, q.MaxResults!.Value)));
        Assert.Equal(["e1", "e2", "e3"], r.Sink.Received.Keys.Order());
        Assert.All(r.Sink.Received.Values, n => Assert.Equal(1, n));
        Assert.Equal("map", Assert.Single(r.DeadLetters.Entries).Stage);
        Assert.Equal(4, state.EventsDelivered); // the unmappable record counts: it is kept in the dead-letter store
        Assert.Equal(T.AddSeconds(-3), state.NewestEventTime);
        Assert.Equal(T.AddSeconds(-9), state.Chunk.DeliveredFrom); // the oldest second of the pages, duplicates included
        Assert.Equal(2, r.Committer.Pending);
    }

    [Fact]
    public async Task A_sweep_leaves_the_chunk_alone()
    {
        var client = new ScriptedClient(new LookupEventsResponse { Events = [Event("e1", T.AddMinutes(-20))] });
        await using var r = new Reading(client);
        var state = ReadState.Initial(T.AddMinutes(-5));
        var chunk = new Chunk(T.AddMinutes(-5), T, null, T, Settled: false);
        state.Chunk = chunk;

        await r.Reader.ReadRangeAsync(state, r.Committer, T.AddMinutes(-30), T.AddMinutes(-12), isSweep: true, CancellationToken.None);

        Assert.Same(chunk, state.Chunk);
        Assert.Equal(["e1"], r.Sink.Received.Keys);
    }

    [Fact]
    public async Task Throttling_is_retried_with_the_same_request_and_counted()
    {
        var throttled = new CloudTrailServiceException("ThrottlingException", HttpStatusCode.BadRequest, "Rate exceeded", "req-1", Partition.Region);
        var client = new ScriptedClient(throttled, throttled, new LookupEventsResponse { Events = [Event("e1", T.AddSeconds(-5))] });
        await using var r = new Reading(client);
        var state = ReadState.Initial(T.AddMinutes(-1));

        await r.Reader.ReadRangeAsync(state, r.Committer, T.AddMinutes(-1), T, isSweep: true, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var requests = client.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, q => Assert.Same(requests[0], q));
        var status = r.Tracker.Snapshot();
        Assert.Equal((2, 3, PartitionState.Running), (status.Throttles, status.Requests, status.State));
        Assert.Equal(["e1"], r.Sink.Received.Keys);
    }

    [Fact]
    public async Task A_region_that_refuses_the_session_parks_the_partition()
    {
        var client = new ScriptedClient(new CloudTrailServiceException("UnrecognizedClientException", HttpStatusCode.BadRequest,
            "The security token included in the request is invalid.", "req-1", Partition.Region));
        await using var r = new Reading(client);

        var e = await Assert.ThrowsAsync<PartitionParkedException>(() =>
            r.Reader.ReadRangeAsync(ReadState.Initial(T.AddMinutes(-1)), r.Committer, T.AddMinutes(-1), T, isSweep: true, CancellationToken.None));

        Assert.Contains("not enabled for the account", e.Message);
        Assert.Empty(r.Sink.Received);
    }
}
