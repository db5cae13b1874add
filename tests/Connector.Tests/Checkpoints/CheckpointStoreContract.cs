using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>What every <see cref="ICheckpointStore"/> must do; each store's test class runs these against the real thing.</summary>
public abstract class CheckpointStoreContract
{
    protected static readonly CancellationToken Ct = CancellationToken.None;
    protected static readonly PartitionKey East = new("123456789012", "us-east-1");
    protected static readonly PartitionKey West = new("123456789012", "eu-west-1");
    protected static readonly PartitionKey Other = new("210987654321", "us-east-1");

    /// <summary>A new, empty store. Two calls with the same <paramref name="shareWith"/> give two instances over one storage location.</summary>
    protected abstract ICheckpointStore NewStore(object? shareWith = null);

    protected abstract object NewLocation();

    protected static PartitionCheckpoint Checkpoint(int minute, params string[] ids) => new()
    {
        Watermark = new DateTimeOffset(2024, 5, 6, 7, minute, 0, TimeSpan.Zero),
        ChunkEnd = new DateTimeOffset(2024, 5, 6, 8, 0, 0, TimeSpan.Zero),
        ChunkDeliveredFrom = new DateTimeOffset(2024, 5, 6, 7, 30, 0, TimeSpan.Zero),
        RecentEventIds = ids.Select((id, i) => new SeenEvent(id, new DateTimeOffset(2024, 5, 6, 7, i, 0, TimeSpan.Zero))).ToList(),
        NewestEventTime = new DateTimeOffset(2024, 5, 6, 7, 59, 0, TimeSpan.Zero),
        EventsDelivered = 1000 + minute,
        UpdatedAt = new DateTimeOffset(2024, 5, 6, 8, 1, 0, TimeSpan.Zero),
        Writer = "host/42",
    };

    [Fact]
    public async Task A_partition_never_written_reads_as_null_and_lists_empty()
    {
        var store = NewStore(NewLocation());
        Assert.Null(await store.ReadAsync(East, Ct));
        Assert.Empty(await store.ListAsync(Ct));
    }

    [Fact]
    public async Task Create_then_read_returns_the_same_checkpoint_and_version()
    {
        var store = NewStore(NewLocation());
        var written = await store.WriteAsync(East, Checkpoint(1, "a", "b"), null, Ct);
        var read = await store.ReadAsync(East, Ct);

        Assert.NotNull(read);
        Assert.Equal(written.Version, read.Version);
        Assert.Equal(East, read.Partition);
        AssertSame(Checkpoint(1, "a", "b"), read.Checkpoint);
    }

    [Fact]
    public async Task An_update_conditional_on_the_current_version_advances_and_changes_the_version()
    {
        var store = NewStore(NewLocation());
        var first = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        var second = await store.WriteAsync(East, Checkpoint(2, "c"), first.Version, Ct);

        Assert.NotEqual(first.Version, second.Version);
        var read = await store.ReadAsync(East, Ct);
        Assert.Equal(second.Version, read!.Version);
        AssertSame(Checkpoint(2, "c"), read.Checkpoint);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        var store = NewStore(NewLocation());
        var first = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        await store.WriteAsync(East, Checkpoint(2), first.Version, Ct);

        var conflict = await Assert.ThrowsAsync<CheckpointConflictException>(() => store.WriteAsync(East, Checkpoint(3), first.Version, Ct));

        Assert.Equal(East, conflict.Partition);
        Assert.Equal(Checkpoint(2).Watermark, (await store.ReadAsync(East, Ct))!.Checkpoint.Watermark);
    }

    [Fact]
    public async Task Creating_a_partition_that_exists_is_a_conflict()
    {
        var store = NewStore(NewLocation());
        await store.WriteAsync(East, Checkpoint(1), null, Ct);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => store.WriteAsync(East, Checkpoint(9), null, Ct));
    }

    [Fact]
    public async Task Updating_a_partition_that_does_not_exist_is_a_conflict()
    {
        var store = NewStore(NewLocation());
        var elsewhere = await store.WriteAsync(West, Checkpoint(1), null, Ct);

        await Assert.ThrowsAsync<CheckpointConflictException>(() => store.WriteAsync(East, Checkpoint(2), elsewhere.Version, Ct));
    }

    [Fact]
    public async Task Of_two_workers_advancing_one_partition_from_the_same_version_exactly_one_wins()
    {
        var location = NewLocation();
        var setup = NewStore(location);
        var start = await setup.WriteAsync(East, Checkpoint(0), null, Ct);

        for (var round = 1; round <= 5; round++)
        {
            // Separate store instances (as separate workers would have) racing from the version both read.
            var workers = Enumerable.Range(0, 4).Select(_ => NewStore(location)).ToList();
            using var go = new ManualResetEventSlim();
            var attempts = workers.Select((store, i) => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    await store.WriteAsync(East, Checkpoint(round * 10 + i), start.Version, Ct);
                    return (Won: true, Worker: i);
                }
                catch (CheckpointConflictException)
                {
                    return (Won: false, Worker: i);
                }
            })).ToList();
            go.Set();
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, r => r.Won);
            var stored = await setup.ReadAsync(East, Ct);
            Assert.Equal(Checkpoint(round * 10 + winner.Worker).Watermark, stored!.Checkpoint.Watermark);
            start = stored;
        }
    }

    [Fact]
    public async Task List_returns_every_partition_with_its_current_version()
    {
        var store = NewStore(NewLocation());
        var east = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        east = await store.WriteAsync(East, Checkpoint(2), east.Version, Ct);
        var west = await store.WriteAsync(West, Checkpoint(3), null, Ct);
        var other = await store.WriteAsync(Other, Checkpoint(4), null, Ct);

        var listed = (await store.ListAsync(Ct)).ToDictionary(c => c.Partition);

        Assert.Equal(3, listed.Count);
        Assert.Equal(east.Version, listed[East].Version);
        Assert.Equal(west.Version, listed[West].Version);
        Assert.Equal(other.Version, listed[Other].Version);
        Assert.Equal(Checkpoint(2).Watermark, listed[East].Checkpoint.Watermark);
    }

    [Fact]
    public async Task A_partition_that_would_escape_the_store_is_refused()
    {
        var store = NewStore(NewLocation());
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(new PartitionKey("..", "us-east-1"), Checkpoint(1), null, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync(new PartitionKey("123456789012", "a/b"), Ct));
    }

    protected static void AssertSame(PartitionCheckpoint expected, PartitionCheckpoint actual)
    {
        Assert.Equal(expected.Watermark, actual.Watermark);
        Assert.Equal(expected.ChunkEnd, actual.ChunkEnd);
        Assert.Equal(expected.ChunkDeliveredFrom, actual.ChunkDeliveredFrom);
        Assert.Equal(expected.RecentEventIds, actual.RecentEventIds);
        Assert.Equal(expected.NewestEventTime, actual.NewestEventTime);
        Assert.Equal(expected.EventsDelivered, actual.EventsDelivered);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Writer, actual.Writer);
    }
}
