namespace SentinelAwsIac.Connector.Pipeline.S3;

/// <summary>What the S3 source has seen since the worker started: files read and skipped, records sent, duplicates
/// dropped, messages deleted and poison messages dead-lettered.</summary>
public sealed class S3SourceCounters
{
    private long _messages, _testEvents, _skippedFiles, _files, _records, _duplicates, _failedFiles, _poison, _deleted;

    public long Messages => Interlocked.Read(ref _messages);
    public long TestEvents => Interlocked.Read(ref _testEvents);
    /// <summary>Digest files and objects that are not CloudTrail log files.</summary>
    public long SkippedFiles => Interlocked.Read(ref _skippedFiles);
    public long Files => Interlocked.Read(ref _files);
    public long Records => Interlocked.Read(ref _records);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    /// <summary>Log files that were not gzip'd CloudTrail JSON (dead-lettered with the reason).</summary>
    public long FailedFiles => Interlocked.Read(ref _failedFiles);
    /// <summary>Unrecognized messages and messages received more than MaxReceiveCount times (dead-lettered).</summary>
    public long PoisonMessages => Interlocked.Read(ref _poison);
    public long DeletedMessages => Interlocked.Read(ref _deleted);

    internal void Message() => Interlocked.Increment(ref _messages);
    internal void TestEvent() => Interlocked.Increment(ref _testEvents);
    internal void SkippedFile() => Interlocked.Increment(ref _skippedFiles);
    internal void File() => Interlocked.Increment(ref _files);
    internal void Record() => Interlocked.Increment(ref _records);
    internal void Duplicate() => Interlocked.Increment(ref _duplicates);
    internal void FailedFile() => Interlocked.Increment(ref _failedFiles);
    internal void Poison() => Interlocked.Increment(ref _poison);
    internal void Deleted() => Interlocked.Increment(ref _deleted);
}
