using Microsoft.Extensions.Options;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>Checks section <c>S3Source</c> before anything starts; each failure names the setting and the fix. The
/// bounds are SQS's own (docs/facts.md "S3 through SQS").</summary>
public sealed class S3SourceOptionsValidator : IValidateOptions<S3SourceOptions>
{
    public ValidateOptionsResult Validate(string? name, S3SourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string s = S3SourceOptions.SectionName;
        if (!Uri.TryCreate(options.QueueUrl, UriKind.Absolute, out var queue) || queue.Scheme is not ("https" or "http"))
            failures.Add($"{s}:QueueUrl is '{options.QueueUrl}': set it to the queue's URL, e.g. https://sqs.us-east-1.amazonaws.com/123456789012/cloudtrail-logs.");
        if (string.IsNullOrWhiteSpace(options.Region))
            failures.Add($"{s}:Region is not set: set it to the queue's AWS region, e.g. us-east-1.");
        if (options.Receivers is < 1 or > 64)
            failures.Add($"{s}:Receivers is {options.Receivers}: set 1 to 64 receive loops.");
        if (options.WaitTimeSeconds is < 0 or > 20)
            failures.Add($"{s}:WaitTimeSeconds is {options.WaitTimeSeconds}: SQS long polling takes 0 to 20 seconds.");
        if (options.MaxMessages is < 1 or > 10)
            failures.Add($"{s}:MaxMessages is {options.MaxMessages}: SQS returns 1 to 10 messages per receive.");
        if (options.VisibilityTimeout < TimeSpan.FromSeconds(30) || options.VisibilityTimeout > TimeSpan.FromHours(12))
            failures.Add($"{s}:VisibilityTimeout is {options.VisibilityTimeout}: set 00:00:30 to 12:00:00 (SQS allows at most 12 h; below 30 s the extension would race the timeout).");
        if (options.MaxReceiveCount < 1)
            failures.Add($"{s}:MaxReceiveCount is {options.MaxReceiveCount}: set at least 1.");
        if (options.DuplicateWindow < 0)
            failures.Add($"{s}:DuplicateWindow is {options.DuplicateWindow}: set 0 (off) or more event IDs.");
        if (options.MaxRecordBytes < 64 * 1024)
            failures.Add($"{s}:MaxRecordBytes is {options.MaxRecordBytes}: set at least 65536.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
