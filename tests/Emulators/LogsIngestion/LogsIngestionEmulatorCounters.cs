using System.Collections.Concurrent;

namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>What the emulator saw: requests, bytes on the wire, answers by status, rows accepted.</summary>
public sealed class LogsIngestionEmulatorCounters
{
    private long _requests, _bytes, _rows;
    private readonly ConcurrentDictionary<int, long> _statuses = new();

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Request body bytes as received (compressed when gzip).</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    public long RowsAccepted => Interlocked.Read(ref _rows);

    public long Status(int status) => _statuses.TryGetValue(status, out var n) ? n : 0;

    public IReadOnlyDictionary<int, long> Statuses => new Dictionary<int, long>(_statuses);

    internal void Request() => Interlocked.Increment(ref _requests);
    internal void Bytes(long n) => Interlocked.Add(ref _bytes, n);
    internal void Rows(long n) => Interlocked.Add(ref _rows, n);
    internal void Answered(int status) => _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
}
