using Amazon.Runtime;

namespace SentinelAwsIac.Connector.Source;

/// <summary>Options of <see cref="LookupEventsClient"/> (one client per region).</summary>
public sealed class LookupEventsClientOptions
{
    /// <summary>Region the client reads and signs for, e.g. us-east-1.</summary>
    public required string Region { get; set; }

    /// <summary>Credentials that sign each request (normally the assumed reader role).</summary>
    public required AWSCredentials Credentials { get; set; }

    /// <summary>Overrides <c>https://cloudtrail.&lt;region&gt;.amazonaws.com</c> (tests, VPC endpoints).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Timeout of one HTTP call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shared HttpClient (its BaseAddress is ignored). When null, one is made from <see cref="Handler"/>.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Handler for the HttpClient made when <see cref="HttpClient"/> is null (tests, proxies).</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>Clock used for the signature date (tests of clock skew).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
