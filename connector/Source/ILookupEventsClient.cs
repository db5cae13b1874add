namespace SentinelAwsIac.Connector.Source;

/// <summary>
/// The one CloudTrail operation the worker needs, shaped like <c>IAmazonCloudTrail.LookupEventsAsync</c>.
/// A client is bound to one region (one partition), as an AmazonCloudTrailClient is.
/// </summary>
public interface ILookupEventsClient
{
    /// <exception cref="CloudTrailServiceException">The service answered with an error (throttling included).</exception>
    Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default);
}
