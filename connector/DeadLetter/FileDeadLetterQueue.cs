using System.Text.Json;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.DeadLetter;

/// <summary>
/// Dead-letter queue in local files, for runs outside Azure: one JSON object per line
/// (<c>{"partition","stage","reason","at","raw"}</c>) in <c>deadletter-yyyyMMdd.jsonl</c> (UTC day of the entry) under
/// one folder. Writers in one process are serialized; each entry is flushed to disk before WriteAsync returns, so an
/// acknowledged record is never only in memory. Not for several processes sharing a folder.
/// </summary>
public sealed class FileDeadLetterQueue : IDeadLetterQueue, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _file;
    private string? _fileName;

    public FileDeadLetterQueue(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    public string Folder { get; }

    public async Task WriteAsync(DeadLetterEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = Serialize(entry);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var file = OpenFor(entry.At);
            await file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            // Flush(true) reaches the disk (fsync), not only the OS cache.
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await CloseAsync().ConfigureAwait(false);
            throw new IOException($"Could not write the dead-letter entry to folder '{Folder}': {e.Message} Check that {WorkerSettings.DeadLetterDirectory} is a writable folder with free space.", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads every entry in a folder, oldest file first (for tests and the status command).</summary>
    public static async IAsyncEnumerable<DeadLetterEntry> ReadAllAsync(string folder, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var path in Directory.GetFiles(folder, "deadletter-*.jsonl").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                yield return Deserialize(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try { await CloseAsync().ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    private FileStream OpenFor(DateTimeOffset at)
    {
        var name = $"deadletter-{at.UtcDateTime:yyyyMMdd}.jsonl";
        if (_file is not null && _fileName == name) return _file;
        _file?.Dispose();
        Directory.CreateDirectory(Folder);
        _file = new FileStream(Path.Combine(Folder, name), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        _fileName = name;
        return _file;
    }

    private async ValueTask CloseAsync()
    {
        if (_file is not null) await _file.DisposeAsync().ConfigureAwait(false);
        _file = null;
        _fileName = null;
    }

    private static byte[] Serialize(DeadLetterEntry entry)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("partition", entry.Partition.ToString());
            json.WriteString("stage", entry.Stage);
            json.WriteString("reason", entry.Reason);
            json.WriteString("at", entry.At);
            json.WriteString("raw", entry.Raw);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static DeadLetterEntry Deserialize(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new DeadLetterEntry(
            PartitionKey.Parse(root.GetProperty("partition").GetString()!),
            root.GetProperty("stage").GetString()!,
            root.GetProperty("reason").GetString()!,
            root.GetProperty("raw").GetString()!,
            root.GetProperty("at").GetDateTimeOffset());
    }
}
