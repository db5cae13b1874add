namespace SentinelAwsIac.Connector.Sink;

public enum SinkState
{
    /// <summary>The last upload succeeded (or none was needed yet).</summary>
    Healthy,
    /// <summary>Uploads are being retried after throttling (429), server errors or transport errors.</summary>
    Retrying,
    /// <summary>The service refuses the identity (401/403) or the target (404 and other errors); rows wait and are retried.</summary>
    Failing,
}

/// <param name="LastError">The last failure, naming the rule, stream and the service's answer; null when healthy.</param>
/// <param name="UnhealthySince">When the sink left <see cref="SinkState.Healthy"/> (first failed attempt since the last
/// success); null when healthy. Health reporting uses it to tell a short retry from a stopped flow.</param>
public sealed record SinkStatus(SinkState State, string? LastError, DateTimeOffset? LastSuccessAt, DateTimeOffset? UnhealthySince = null);
