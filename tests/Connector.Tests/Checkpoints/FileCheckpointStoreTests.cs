using System.Text;
using SentinelAwsIac.Connector.Checkpoints;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

public sealed class FileCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("checkpoints-").FullName;
    private int _next;

    protected override object NewLocation() => Path.Combine(_root, $"store{Interlocked.Increment(ref _next)}");

    protected override ICheckpointStore NewStore(object? shareWith = null) =>
        new FileCheckpointStore((string)(shareWith ?? NewLocation()));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_file_is_one_readable_json_document_per_partition_and_no_temporary_file_is_left()
    {
        var folder = (string)NewLocation();
        var store = new FileCheckpointStore(folder);
        var first = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        await store.WriteAsync(East, Checkpoint(2), first.Version, Ct);

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order().ToList();
        Assert.Equal([Path.Combine("123456789012", "us-east-1.json"), Path.Combine("123456789012", "us-east-1.json.lock")], files);
        var text = await File.ReadAllTextAsync(Path.Combine(folder, "123456789012", "us-east-1.json"), Ct);
        Assert.Contains("\"partition\": \"123456789012/us-east-1\"", text);
        Assert.Contains("\"sequence\": 2", text);
        Assert.Contains("\"writeId\": ", text);
    }

    [Fact]
    public async Task A_write_waits_for_another_processes_lock_and_then_sees_its_change_as_a_conflict()
    {
        var folder = (string)NewLocation();
        var store = new FileCheckpointStore(folder);
        var v1 = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        var path = Path.Combine(folder, "123456789012", "us-east-1.json");

        Task write;
        // Stand-in for another worker process: it holds the lock file exclusively while it advances the partition.
        await using (var otherProcessLock = new FileStream(path + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            write = store.WriteAsync(East, Checkpoint(3), v1.Version, Ct);
            await Task.Delay(300, Ct); // a write that ignored the lock would be done by now
            Assert.False(write.IsCompleted, "the write went ahead while another process held the lock");
            var other = new FileCheckpointStore(Path.Combine(folder, "elsewhere")); // writes version 2, as the other worker would
            await other.WriteAsync(East, Checkpoint(2), (await other.WriteAsync(East, Checkpoint(1), null, Ct)).Version, Ct);
            File.Copy(Path.Combine(folder, "elsewhere", "123456789012", "us-east-1.json"), path, overwrite: true); // its change lands
        }

        await Assert.ThrowsAsync<CheckpointConflictException>(() => write);
        Assert.Equal(Checkpoint(2).Watermark, (await store.ReadAsync(East, Ct))!.Checkpoint.Watermark);
    }

    [Fact]
    public async Task Versions_start_with_an_increasing_sequence_number()
    {
        var store = NewStore();
        var v1 = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        var v2 = await store.WriteAsync(East, Checkpoint(2), v1.Version, Ct);
        var v3 = await store.WriteAsync(East, Checkpoint(3), v2.Version, Ct);

        Assert.Equal(["1", "2", "3"], new[] { v1.Version, v2.Version, v3.Version }.Select(v => v.Split('-')[0]));
    }

    [Fact]
    public async Task A_file_deleted_and_written_again_does_not_match_a_version_read_before()
    {
        var folder = (string)NewLocation();
        var store = new FileCheckpointStore(folder);
        var old = await store.WriteAsync(East, Checkpoint(1), null, Ct);
        File.Delete(Path.Combine(folder, "123456789012", "us-east-1.json"));
        await store.WriteAsync(East, Checkpoint(2), null, Ct); // sequence 1 again

        await Assert.ThrowsAsync<CheckpointConflictException>(() => store.WriteAsync(East, Checkpoint(3), old.Version, Ct));
    }

    [Fact]
    public async Task A_corrupt_file_is_reported_with_its_path_and_the_fix()
    {
        var folder = (string)NewLocation();
        Directory.CreateDirectory(Path.Combine(folder, "123456789012"));
        var path = Path.Combine(folder, "123456789012", "us-east-1.json");
        await File.WriteAllTextAsync(path, "{ half a file", Encoding.UTF8, Ct);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new FileCheckpointStore(folder).ReadAsync(East, Ct));

        Assert.Contains(path, error.Message);
        Assert.Contains("delete it", error.Message);
    }

    [Fact]
    public async Task A_file_of_another_partition_is_not_taken_for_this_one()
    {
        var folder = (string)NewLocation();
        var store = new FileCheckpointStore(folder);
        await store.WriteAsync(West, Checkpoint(1), null, Ct);
        Directory.CreateDirectory(Path.Combine(folder, "123456789012"));
        File.Copy(Path.Combine(folder, "123456789012", "eu-west-1.json"), Path.Combine(folder, "123456789012", "us-east-1.json"));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadAsync(East, Ct));
        Assert.Contains("belongs to partition '123456789012/eu-west-1'", error.Message);
    }
}
