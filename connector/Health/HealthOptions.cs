using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

/// <summary>Health reporting, bound from the "Health" section (<see cref="WorkerSettings.HealthSection"/>).</summary>
public sealed class HealthOptions
{
    /// <summary>Health:Interval: one health row per partition per interval (a minute by default).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Health:StallAfter: a partition that is not parked and has not advanced (checkpoint written, or a poll that found
    /// it caught up) for this long is stalled, and so is a sink that has been failing or retrying this long; /healthz
    /// then answers 503 and the health rows say 'failing'. 15 minutes: well above the longest normal pause (LookupEvents
    /// backoff ≤ 20 s, sink backoff ≤ Sink:MaxRetryDelay 60 s, a poll every Source:PollInterval 15 s, a checkpoint write
    /// retried for ≤ 30 s), so a slow minute never restarts the worker, yet a stopped flow shows in /healthz within a
    /// quarter of an hour. App Service replaces an instance only after its health check fails for a while (docs/facts.md#hosting-the-worker-on-app-service), so a false alarm is costly, a late one is not.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Health:WriteRows: send health rows to Sink:HealthStreamName (turn off only for a DCR without that stream).</summary>
    public bool WriteRows { get; set; } = true;
}
