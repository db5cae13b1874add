namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>One object an S3 event notification announces: the bucket, the key decoded from its URL form, and the
/// size the notification states.</summary>
public readonly record struct S3ObjectRef(string Bucket, string Key, long? Size);

/// <summary>What an SQS message of the log queue carries.</summary>
public enum S3NotificationKind
{
    /// <summary>Objects were created (<c>ObjectCreated:*</c>); <see cref="S3Notification.Objects"/> lists them.</summary>
    Objects,

    /// <summary>The test message S3 sends when a notification is configured; nothing to read.</summary>
    TestEvent,

    /// <summary>Not an S3 event notification; <see cref="S3Notification.Reason"/> says why.</summary>
    Unrecognized,
}

/// <summary>An SQS message body, read as an S3 event notification (docs/facts.md "S3 through SQS").</summary>
public sealed record S3Notification(S3NotificationKind Kind, IReadOnlyList<S3ObjectRef> Objects, string? Reason)
{
    public static S3Notification Test { get; } = new(S3NotificationKind.TestEvent, [], null);

    public static S3Notification Unrecognized(string reason) => new(S3NotificationKind.Unrecognized, [], reason);

    public static S3Notification Created(IReadOnlyList<S3ObjectRef> objects) => new(S3NotificationKind.Objects, objects, null);
}
