using SentinelAwsIac.Connector.Source;

namespace SentinelAwsIac.Connector.Map;

/// <summary>
/// Turns a CloudTrail record into one row of the columns in <see cref="Contracts.CloudTrailTable"/>, serialized
/// as a UTF-8 JSON object (no array brackets). A record that cannot be mapped yields a failure with the reason;
/// the caller dead-letters it and goes on.
/// </summary>
public interface IRecordMapper
{
    MapResult Map(CloudTrailEvent record);
}

/// <summary>Either a row (<see cref="Row"/> non-null) or a reason to dead-letter the record.</summary>
public readonly record struct MapResult(byte[]? Row, string? FailureReason, bool Truncated)
{
    public static MapResult Success(byte[] row, bool truncated) => new(row, null, truncated);
    public static MapResult Failure(string reason) => new(null, reason, false);
    public bool IsSuccess => Row is not null;
}
