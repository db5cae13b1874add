namespace SentinelAwsIac.Connector.Source;

/// <summary>One page of LookupEvents, newest event first (API_LookupEvents).</summary>
public sealed class LookupEventsResponse
{
    public List<CloudTrailEvent> Events { get; set; } = [];

    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; set; }

    /// <summary>x-amzn-RequestId of the answer, for support cases.</summary>
    public string? RequestId { get; set; }
}
