using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.DeadLetter;

public sealed class FileDeadLetterQueueTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dlq-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static async Task<List<DeadLetterEntry>> ReadAsync(string folder)
    {
        var entries = new List<DeadLetterEntry>();
        await foreach (var e in FileDeadLetterQueue.ReadAllAsync(folder)) entries.Add(e);
        return entries;
    }

    [Fact]
    public async Task Concurrent_writers_produce_one_intact_line_per_entry()
    {
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var queue = new FileDeadLetterQueue(_folder))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++)
                    await queue.WriteAsync(new DeadLetterEntry(new PartitionKey("111122223333", $"region-{w}"), "map",
                        $"reason {w}/{i}", $"{{\"w\":{w},\"i\":{i},\"text\":\"line\\nbreak \\\"quoted\\\" ü\"}}\n", at), CancellationToken.None);
            })));
        }

        var lines = File.ReadAllLines(Path.Combine(_folder, "deadletter-20260301.jsonl"));
        Assert.Equal(800, lines.Length);
        var entries = await ReadAsync(_folder);
        Assert.Equal(800, entries.Select(e => e.Reason).Distinct().Count());
        var one = entries.Single(e => e.Reason == "reason 3/42");
        Assert.Equal(new PartitionKey("111122223333", "region-3"), one.Partition);
        Assert.Equal("map", one.Stage);
        Assert.Equal(at, one.At);
        Assert.Equal("{\"w\":3,\"i\":42,\"text\":\"line\\nbreak \\\"quoted\\\" ü\"}\n", one.Raw);
    }

    [Fact]
    public async Task A_new_queue_appends_and_days_go_to_their_own_files()
    {
        var day1 = new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.Zero);
        await using (var queue = new FileDeadLetterQueue(_folder))
            await queue.WriteAsync(new DeadLetterEntry(new PartitionKey("1", "a"), "sink", "r1", "{}", day1), CancellationToken.None);
        await using (var queue = new FileDeadLetterQueue(_folder))
        {
            await queue.WriteAsync(new DeadLetterEntry(new PartitionKey("1", "a"), "sink", "r2", "{}", day1), CancellationToken.None);
            await queue.WriteAsync(new DeadLetterEntry(new PartitionKey("1", "a"), "sink", "r3", "{}", day1.AddMinutes(2)), CancellationToken.None);
        }

        Assert.Equal(2, File.ReadAllLines(Path.Combine(_folder, "deadletter-20260301.jsonl")).Length);
        Assert.Single(File.ReadAllLines(Path.Combine(_folder, "deadletter-20260302.jsonl")));
        Assert.Equal(["r1", "r2", "r3"], (await ReadAsync(_folder)).Select(e => e.Reason));
    }

    [Fact]
    public async Task An_unwritable_folder_fails_with_the_setting_to_fix()
    {
        var file = Path.Combine(Path.GetTempPath(), "dlq-not-a-folder-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, "x");
        try
        {
            await using var queue = new FileDeadLetterQueue(file);
            var e = await Assert.ThrowsAnyAsync<IOException>(() =>
                queue.WriteAsync(new DeadLetterEntry(new PartitionKey("1", "a"), "sink", "r", "{}", DateTimeOffset.UtcNow), CancellationToken.None));
            Assert.Contains("DeadLetters:Directory", e.Message);
        }
        finally { File.Delete(file); }
    }
}
