using System.Net;

namespace SentinelAwsIac.Connector.Source;

/// <summary>An error answer of the CloudTrail API: <see cref="ErrorType"/> is the AWS JSON 1.1 <c>__type</c>
/// without its namespace (e.g. ThrottlingException), with the HTTP status, message and request id.</summary>
public sealed class CloudTrailServiceException : Exception
{
    public CloudTrailServiceException(string errorType, HttpStatusCode statusCode, string? serviceMessage, string? requestId, string region)
        : base($"CloudTrail LookupEvents in {region} failed: {errorType} (HTTP {(int)statusCode}): {serviceMessage ?? "no message"} (request id {requestId ?? "none"}).")
    {
        ErrorType = errorType;
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
        Region = region;
    }

    public string ErrorType { get; }
    public HttpStatusCode StatusCode { get; }
    public string? ServiceMessage { get; }
    public string? RequestId { get; }
    public string Region { get; }

    /// <summary>ThrottlingException, HTTP 400 (AWS JSON protocol; CloudTrail quotas: 2 requests/s).</summary>
    public bool IsThrottling => ErrorType == Contracts.CloudTrailLimits.ThrottlingErrorType;

    /// <summary>
    /// The answer AWS gives when the region is not enabled for the account (opt-in regions introduced after
    /// 2019-03-20) — the same answer as for an unknown key: UnrecognizedClientException "The security token
    /// included in the request is invalid" (AWS JSON protocol; blog.leapp.cloud "InvalidClientTokenId").
    /// </summary>
    public bool MayBeDisabledRegion => ErrorType is "UnrecognizedClientException" or "InvalidClientTokenId";

    /// <summary>Errors worth retrying later with the same request: throttling and server-side faults.</summary>
    public bool IsTransient => IsThrottling || (int)StatusCode >= 500 || ErrorType is "ServiceUnavailableException" or "InternalFailure";
}
