using System.Globalization;
using Azure;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Verify.LogsQuery;

namespace SentinelAwsIac.Verify;

/// <summary>What to look for where.</summary>
/// <param name="WorkspaceId">The workspace's customer ID (a GUID: <c>pulumi stack output workspaceCustomerId</c>).</param>
/// <param name="Table">Where the worker's rows land: <c>pulumi stack output table</c> (AWSCloudTrail_CL or AWSCloudTrail).</param>
/// <param name="HealthTable">The connector's health table.</param>
/// <param name="Timeout">How long the row may take to arrive.</param>
/// <param name="PollInterval">Time between two queries.</param>
public sealed record VerifyTarget(string WorkspaceId, string Table, string HealthTable, TimeSpan Timeout, TimeSpan PollInterval);

/// <summary>The end of a verification: passed with the delay, or failed with why.</summary>
public sealed record VerifyOutcome(bool Passed, string Message, TimeSpan? Delay = null);

/// <summary>
/// The check after <c>pulumi up</c>: cause the probe's CloudTrail event, then poll the workspace until its row
/// arrives, and print the delay. When it does not arrive within the timeout, the health table says why: no health rows
/// at all (the worker is not running or cannot write), a partition <c>failing</c> (with its LastError), or all
/// partitions healthy and the row simply late.
/// </summary>
public sealed class PipeVerifier(CloudTrailProbe probe, LogsQueryClient logs, TimeProvider time, TextWriter log)
{
    /// <summary>How far back the health query looks: the worker writes one row per partition per minute.</summary>
    public static readonly TimeSpan HealthWindow = TimeSpan.FromMinutes(15);

    public async Task<VerifyOutcome> RunAsync(VerifyTarget target, string roleArn, string? externalId, string nonce, CancellationToken cancellationToken)
    {
        ProbeEvent probeEvent;
        try
        {
            probeEvent = await probe.CauseEventAsync(roleArn, externalId, nonce, cancellationToken).ConfigureAwait(false);
        }
        catch (VerificationFailedException e)
        {
            return new VerifyOutcome(false, e.Message);
        }

        log.WriteLine($"probe: sts:AssumeRole of {roleArn} as session '{probeEvent.SessionName}' at {probeEvent.CalledAt:u}: {probeEvent.Outcome}");
        log.WriteLine($"waiting up to {target.Timeout.TotalMinutes:0.#} min for its row in {target.Table} (query every {target.PollInterval.TotalSeconds:0} s) ...");
        var deadline = probeEvent.CalledAt + target.Timeout;
        var rowQuery = RowQuery(target.Table, probeEvent);
        HealthSummary? health = null;
        while (true)
        {
            try
            {
                var rows = await logs.QueryWorkspaceAsync(target.WorkspaceId, rowQuery, target.Timeout + TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
                if (rows.Table.Rows.Count > 0)
                {
                    var arrived = time.GetUtcNow();
                    var row = rows.Table.Rows[0];
                    var eventTime = rows.Table.DateTime(row, "TimeGenerated");
                    var delay = arrived - probeEvent.CalledAt;
                    return new VerifyOutcome(true, $"row arrived: {target.Table} has the probe's AssumeRole (event time {eventTime:u}) {delay.TotalSeconds:0} s after the call.", delay);
                }

                health = await HealthAsync(target, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"  {time.GetUtcNow():u}: not yet; health: {health.Describe()}");
            }
            catch (RequestFailedException e) when (e.Status is 401 or 403 or 404 or 400)
            {
                // Not transient: no right to read the workspace, no such workspace, or a query the service rejects.
                return new VerifyOutcome(false, $"the workspace query failed: {e.Message}. Reading needs Log Analytics Reader (or Reader) on the workspace for the signed-in identity.");
            }
            catch (RequestFailedException e)
            {
                // 429 or 5xx after Azure.Core's own retries: try again at the next poll.
                log.WriteLine($"  {time.GetUtcNow():u}: the query failed ({e.Message}); trying again");
            }

            if (time.GetUtcNow() + target.PollInterval > deadline)
            {
                return new VerifyOutcome(false, Explain(target, health));
            }

            await Task.Delay(target.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rows of the probe's event: AssumeRole whose request parameters carry the nonce, newer than the call less a margin for clock skew.</summary>
    internal static string RowQuery(string table, ProbeEvent probeEvent) =>
        $"{table} | where TimeGenerated > datetime({(probeEvent.CalledAt - TimeSpan.FromMinutes(10)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}) "
        + $"| where EventName == \"AssumeRole\" | where RequestParameters has \"{probeEvent.Nonce}\" | project TimeGenerated, EventName, AWSRegion, ErrorCode, RequestParameters";

    internal static string HealthQuery(string healthTable) =>
        $"{healthTable} | where TimeGenerated > ago({(int)HealthWindow.TotalMinutes}m) | project TimeGenerated, Partition, State, LagSeconds, LastError";

    private async Task<HealthSummary> HealthAsync(VerifyTarget target, CancellationToken cancellationToken)
    {
        var result = await logs.QueryWorkspaceAsync(target.WorkspaceId, HealthQuery(target.HealthTable), HealthWindow, cancellationToken).ConfigureAwait(false);
        var table = result.Table;
        // The newest row of each partition (done here, not in KQL, so the query stays a plain filter).
        var latest = table.Rows
            .Select(r => (Partition: table.String(r, "Partition") ?? "?", Time: table.DateTime(r, "TimeGenerated") ?? DateTimeOffset.MinValue, State: table.String(r, "State") ?? "?", LastError: table.String(r, "LastError")))
            .GroupBy(r => r.Partition, StringComparer.Ordinal)
            .Select(g => g.MaxBy(r => r.Time))
            .OrderBy(r => r.Partition, StringComparer.Ordinal)
            .Select(r => new PartitionHealth(r.Partition, r.State, r.LastError))
            .ToList();
        return new HealthSummary(latest);
    }

    private static string Explain(VerifyTarget target, HealthSummary? health)
    {
        var waited = $"{target.Timeout.TotalMinutes:0.#} min";
        if (health is null || health.Partitions.Count == 0)
        {
            return $"no health rows: {target.HealthTable} has no row in the last {(int)HealthWindow.TotalMinutes} min, so the worker is not running or cannot write to the workspace (check the App Service's log stream and `dotnet run --project connector -- status`). The probe's row did not arrive within {waited}.";
        }

        var failing = health.Partitions.Where(p => p.State == HealthTable.States.Failing).ToList();
        if (failing.Count > 0)
        {
            return "partition failing: " + string.Join("; ", failing.Select(p => $"{p.Partition} is {HealthTable.States.Failing}: {p.LastError ?? "(no LastError)"}")) + $". The probe's row did not arrive within {waited}.";
        }

        return $"row not arrived within {waited}; health: {health.Describe()}. CloudTrail's Event history can lag by several minutes and the worker reads an event after its settle delay: retry with a longer --timeout-minutes, and check that the probe's region is one the worker reads.";
    }

    private sealed record PartitionHealth(string Partition, string State, string? LastError);

    private sealed record HealthSummary(IReadOnlyList<PartitionHealth> Partitions)
    {
        public string Describe() => Partitions.Count == 0 ? "no health rows yet" : string.Join(", ", Partitions.Select(p => $"{p.Partition} {p.State}"));
    }
}
