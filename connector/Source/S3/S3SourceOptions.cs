namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>Section <c>S3Source</c>: CloudTrail log files read from S3 as their SQS notifications announce them
/// (docs/facts.md "S3 through SQS"). Validated at start-up by <see cref="S3SourceOptionsValidator"/>.</summary>
public sealed class S3SourceOptions
{
    public const string SectionName = "S3Source";

    /// <summary>The URL of the queue that receives the bucket's ObjectCreated notifications.</summary>
    public string? QueueUrl { get; set; }

    /// <summary>The queue's and the bucket's AWS region.</summary>
    public string? Region { get; set; }

    /// <summary>Receive loops, each with its messages in work (SQS standard queues take nearly unlimited calls).</summary>
    public int Receivers { get; set; } = 2;

    /// <summary>Long polling: ReceiveMessage waits up to this long for a message (SQS allows 0–20 s).</summary>
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Messages per ReceiveMessage (SQS allows 1–10).</summary>
    public int MaxMessages { get; set; } = 10;

    /// <summary>How long a received message stays hidden; extended every half of it while its objects are in work
    /// (SQS allows 0 s–12 h).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A message received more often than this is poison: it goes to the dead-letter store with the reason and
    /// is deleted (the queue's own redrive to its DLQ is the net below this).</summary>
    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>How many recent event IDs are remembered to drop the duplicates of a redelivered message.</summary>
    public int DuplicateWindow { get; set; } = 100_000;

    /// <summary>Largest single record accepted from a log file.</summary>
    public int MaxRecordBytes { get; set; } = CloudTrailRecordReader.DefaultMaxRecordBytes;

    /// <summary>Endpoint override for the SQS and S3 clients (tests, emulators); unset in production.</summary>
    public Uri? ServiceUrl { get; set; }
}
