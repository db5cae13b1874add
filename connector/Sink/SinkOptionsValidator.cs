using Microsoft.Extensions.Options;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>Checks the "Sink" section; each message names the key and how to fix it.</summary>
public sealed class SinkOptionsValidator : IValidateOptions<SinkOptions>
{
    public ValidateOptionsResult Validate(string? name, SinkOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            failures.Add($"{WorkerSettings.IngestionEndpoint} must be an https URL such as https://<dce>.<region>.ingest.monitor.azure.com (the data collection endpoint's logs ingestion endpoint); got '{options.Endpoint}'.");
        if (string.IsNullOrWhiteSpace(options.RuleId))
            failures.Add($"{WorkerSettings.RuleId} must be set to the data collection rule's immutable ID, such as dcr-00000000000000000000000000000000 (stack output dcrImmutableId).");
        else if (options.RuleId.Contains('/'))
            failures.Add($"{WorkerSettings.RuleId} must be the DCR's immutable ID (dcr-…), not its resource ID; got '{options.RuleId}'.");
        CheckStream(failures, WorkerSettings.StreamName, options.StreamName);
        CheckStream(failures, WorkerSettings.HealthStreamName, options.HealthStreamName);
        if (!Uri.TryCreate(options.Audience, UriKind.Absolute, out var audience) || audience.Scheme != Uri.UriSchemeHttps)
            failures.Add($"{WorkerSettings.IngestionAudience} must be the Logs Ingestion audience of your Azure cloud: https://monitor.azure.com (public), https://monitor.azure.us (US Government) or https://monitor.azure.cn (China); got '{options.Audience}'.");
        if (options.MaxConcurrency is < 1 or > 64)
            failures.Add($"{WorkerSettings.SinkSection}:{nameof(SinkOptions.MaxConcurrency)} must be between 1 and 64 (default 5); got {options.MaxConcurrency}.");
        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval > TimeSpan.FromMinutes(1))
            failures.Add($"{WorkerSettings.SinkSection}:{nameof(SinkOptions.FlushInterval)} must be a time span above 0 and at most 00:01:00, such as 00:00:02; got {options.FlushInterval}.");
        if (options.MaxBatchBytes is < 1024 or > IngestionLimits.MaxBodyBytes)
            failures.Add($"{WorkerSettings.SinkSection}:{nameof(SinkOptions.MaxBatchBytes)} must be between 1024 and {IngestionLimits.MaxBodyBytes} (the service's 1 MB limit per call, read as 1 000 000 bytes); got {options.MaxBatchBytes}.");
        if (options.MaxBufferedBytes < 2L * options.MaxBatchBytes)
            failures.Add($"{WorkerSettings.SinkSection}:{nameof(SinkOptions.MaxBufferedBytes)} must be at least twice MaxBatchBytes ({2L * options.MaxBatchBytes}) so a batch can fill while another is sent; got {options.MaxBufferedBytes}.");
        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
            failures.Add($"{WorkerSettings.SinkSection}:{nameof(SinkOptions.RetryDelay)} must be above 0 and at most {nameof(SinkOptions.MaxRetryDelay)}; got {options.RetryDelay} and {options.MaxRetryDelay}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckStream(List<string> failures, string key, string? stream)
    {
        // DCR stream names are Custom-<name> for custom streams or Microsoft-<table> for built-in tables (docs/facts.md#dcr-tables-and-sentinel).
        if (string.IsNullOrWhiteSpace(stream) || !(stream.StartsWith("Custom-", StringComparison.Ordinal) || stream.StartsWith("Microsoft-", StringComparison.Ordinal)))
            failures.Add($"{key} must name a stream of the DCR, 'Custom-<table>' or 'Microsoft-<table>', such as {TableSchema.CustomStreamName(CloudTrailTable.DefaultName)}; got '{stream}'.");
    }
}
