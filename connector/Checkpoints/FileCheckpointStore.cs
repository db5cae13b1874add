using System.Globalization;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// Checkpoints as files, for local runs: <c>&lt;directory&gt;/&lt;account&gt;/&lt;region&gt;.json</c>. The version is
/// <c>&lt;sequence&gt;-&lt;write id&gt;</c>, both stored in the file: the sequence increases with every write, and the random
/// write ID keeps a file that was deleted and written again from matching a version read before.
/// <para>Guarantees. A write is atomic: the new content goes to a temporary file in the same folder, is flushed to
/// disk, and replaces the old file by rename, so a reader or a crash sees the old or the new checkpoint, never a
/// partial one. A write is conditional: under a lock, the file is re-read and its sequence compared with the
/// expected version; a mismatch throws <see cref="CheckpointConflictException"/>. The lock is a per-process
/// semaphore plus an exclusive open of <c>&lt;region&gt;.json.lock</c> (.NET's file sharing: share modes on Windows,
/// <c>flock</c> on Unix), so the condition holds between processes on the same machine too. It does not hold
/// for several machines sharing a network folder, where advisory locks are not reliable: use the blob store
/// there.</para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs Dispose only after its AvailableWaitHandle was read (SemaphoreSlim.Dispose remarks); this type never reads it.")]
public sealed class FileCheckpointStore : ICheckpointStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LockRetryInterval = TimeSpan.FromMilliseconds(20);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;

    /// <param name="time">The clock of the lock's wait (the worker's TimeProvider).</param>
    public FileCheckpointStore(string directory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _time = time ?? TimeProvider.System;
    }

    public string Directory { get; }

    public async Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken)
    {
        var path = PathOf(partition);
        var document = await ReadDocumentAsync(path, partition, cancellationToken).ConfigureAwait(false);
        return document is null ? null : Stored(partition, document);
    }

    public async Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = PathOf(partition);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var fileLock = await AcquireLockAsync(path + ".lock", cancellationToken).ConfigureAwait(false);
            var current = await ReadDocumentAsync(path, partition, cancellationToken).ConfigureAwait(false);
            var currentVersion = current is null ? null : Version(current);
            if (currentVersion != expectedVersion)
                throw new CheckpointConflictException(partition, expectedVersion);

            var document = new CheckpointDocument(partition.ToString(), (current?.Sequence ?? 0) + 1, checkpoint, Guid.NewGuid().ToString("N")[..12]);
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
                {
                    await stream.WriteAsync(document.ToUtf8(), cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return Stored(partition, document);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<StoredCheckpoint>();
        if (!System.IO.Directory.Exists(Directory))
            return result;
        foreach (var accountDir in System.IO.Directory.EnumerateDirectories(Directory).Order(StringComparer.Ordinal))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(accountDir, "*" + CheckpointNames.Extension).Order(StringComparer.Ordinal))
            {
                var document = await ReadDocumentAsync(file, null, cancellationToken).ConfigureAwait(false);
                if (document is not null)
                    result.Add(Stored(PartitionKey.Parse(document.Partition), document));
            }
        }
        return result;
    }

    private string PathOf(PartitionKey partition) =>
        Path.Combine(Directory, CheckpointNames.RelativePath(partition).Replace('/', Path.DirectorySeparatorChar));

    private static string Version(CheckpointDocument document) =>
        string.Create(CultureInfo.InvariantCulture, $"{document.Sequence}-{document.WriteId}");

    private static StoredCheckpoint Stored(PartitionKey partition, CheckpointDocument document) =>
        new(partition, document.Checkpoint, Version(document));

    private static async Task<CheckpointDocument?> ReadDocumentAsync(string path, PartitionKey? partition, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        return CheckpointDocument.Parse(bytes, partition, $"file '{path}'");
    }

    /// <summary>Opens the lock file exclusively, retrying while another process holds it.</summary>
    private async Task<FileStream> AcquireLockAsync(string lockPath, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(LockRetryInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new IOException($"Could not lock checkpoint file '{lockPath}' within {LockTimeout.TotalSeconds} s: another process holds it. Fix: stop the other worker that uses the folder '{Path.GetDirectoryName(lockPath)}'.", ex);
            }
        }
    }
}
