namespace SentinelAwsIac.Connector.Source;

/// <summary>
/// Parameters of CloudTrail LookupEvents (AWS CloudTrail API reference, API_LookupEvents), shaped like
/// <c>Amazon.CloudTrail.Model.LookupEventsRequest</c> so the official package can replace this client.
/// </summary>
public sealed class LookupEventsRequest
{
    /// <summary>Events at or after this time; sent as epoch seconds.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Events at or before this time; sent as epoch seconds.</summary>
    public DateTimeOffset? EndTime { get; set; }

    /// <summary>1–50 (API_LookupEvents); null lets the service use its default of 50.</summary>
    public int? MaxResults { get; set; }

    /// <summary>Token of the previous page; valid only with the same other parameters (API_LookupEvents).</summary>
    public string? NextToken { get; set; }

    /// <summary>At most one attribute (API_LookupEvents).</summary>
    public List<LookupAttribute> LookupAttributes { get; set; } = [];
}

/// <summary>One lookup attribute: key EventId, EventName, ReadOnly, Username, ResourceType, ResourceName,
/// EventSource or AccessKeyId (API_LookupAttribute).</summary>
public sealed record LookupAttribute(string AttributeKey, string AttributeValue);
