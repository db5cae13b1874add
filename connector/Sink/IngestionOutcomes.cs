using Azure;
using Azure.Identity;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>What one Logs Ingestion attempt came to, and so what the sink does next.</summary>
public enum IngestionOutcomeKind
{
    /// <summary>204: every row of the body is acknowledged.</summary>
    Delivered,
    /// <summary>400 or 413 of a body of several rows: cut it in two to isolate the cause.</summary>
    Split,
    /// <summary>400 or 413 of a body of one row: that row goes to the dead-letter queue.</summary>
    Rejected,
    /// <summary>429, 408 or 5xx: the same body again after Retry-After or the backoff; the sink is retrying.</summary>
    Throttled,
    /// <summary>401, 403, 404 or any other status: the same body again after the backoff; the sink is failing.</summary>
    Refused,
    /// <summary>No token (the credential failed before anything was sent): retried; the sink is failing.</summary>
    NoToken,
    /// <summary>No HTTP answer (refused, reset, timed out): retried; the sink is retrying.</summary>
    NoAnswer,
}

/// <summary>
/// The one table of Logs Ingestion answers: status code or exception → <see cref="IngestionOutcomeKind"/>, and the fix
/// an operator reads with it. <see cref="LogsIngestionClient"/> (its exception messages), <see cref="IngestionError"/>
/// and the sink's retry driver all read it here (docs/facts.md "Logs Ingestion: answers and what they mean").
/// </summary>
internal static class IngestionOutcomes
{
    /// <summary>The fix for a call that got no token.</summary>
    public const string NoTokenFix = "Check Identity:ManagedIdentityClientId (in Azure) or sign in (az login) for a local run.";

    /// <summary>The outcome of an HTTP answer to a body of <paramref name="rows"/> rows.</summary>
    public static IngestionOutcomeKind Classify(int status, int rows) => status switch
    {
        204 => IngestionOutcomeKind.Delivered,
        400 or 413 => rows > 1 ? IngestionOutcomeKind.Split : IngestionOutcomeKind.Rejected,
        429 or 408 or >= 500 => IngestionOutcomeKind.Throttled,
        _ => IngestionOutcomeKind.Refused,
    };

    /// <summary>The outcome of an attempt that threw: <see cref="IngestionOutcomeKind.NoToken"/>,
    /// <see cref="IngestionOutcomeKind.NoAnswer"/>, or null for an exception that is no answer of the service or the
    /// network (a defect, left to propagate). A cancellation counts as no answer (a timeout); the caller tells a stop
    /// from a timeout by its own token.</summary>
    public static IngestionOutcomeKind? Classify(Exception exception) => exception switch
    {
        AuthenticationFailedException => IngestionOutcomeKind.NoToken,
        RequestFailedException or HttpRequestException or IOException or OperationCanceledException => IngestionOutcomeKind.NoAnswer,
        _ => null,
    };

    /// <summary>Whether the sink sends the same body again after this outcome.</summary>
    public static bool IsRetried(IngestionOutcomeKind kind) =>
        kind is IngestionOutcomeKind.Throttled or IngestionOutcomeKind.Refused or IngestionOutcomeKind.NoToken or IngestionOutcomeKind.NoAnswer;

    /// <summary>Whether Retry-After, when the answer carries one, sets the wait (429, 408, 5xx).</summary>
    public static bool HonoursRetryAfter(IngestionOutcomeKind kind) => kind == IngestionOutcomeKind.Throttled;

    /// <summary>The sink's state while it retries after this outcome: retrying for throttling and the network, failing
    /// when the service refuses the identity or the target.</summary>
    public static SinkState StateWhileRetrying(IngestionOutcomeKind kind) =>
        kind is IngestionOutcomeKind.Throttled or IngestionOutcomeKind.NoAnswer ? SinkState.Retrying : SinkState.Failing;

    /// <summary>The fix for an error status, as a sentence with a leading space (to follow the error's own text), or
    /// "" when the status names no fix an operator can make.</summary>
    public static string FixHint(int status) => status switch
    {
        401 => " Check that the credential gets a token for the Logs Ingestion audience of this cloud (Sink:Audience).",
        // A new role assignment can take up to 30 minutes to apply (docs/facts.md "Logs Ingestion: answers and what they mean").
        403 => " Grant the identity 'Monitoring Metrics Publisher' on the data collection rule; new role assignments can take up to 30 minutes to apply.",
        404 => " Check Sink:Endpoint, Sink:RuleId (the DCR's immutable ID) and Sink:StreamName.",
        413 => " Send at most 1 MB per call, compressed and uncompressed.",
        _ => "",
    };
}
