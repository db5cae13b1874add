using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Source;

/// <summary>Checks <see cref="SourceOptions"/> at start; every message names the setting and the fix.</summary>
public sealed partial class SourceOptionsValidator : IValidateOptions<SourceOptions>
{
    // ExternalId: 2–1224 characters of [\w+=,.@:/-] (STS AssumeRole API reference).
    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    // Region names such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-5.
    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex RegionPattern();

    public ValidateOptionsResult Validate(string? name, SourceOptions o)
    {
        var errors = new List<string>();
        if (!RoleArn.TryParse(o.ReaderRoleArn, out _))
            errors.Add($"{WorkerSettings.ReaderRoleArn} '{o.ReaderRoleArn}' is not an IAM role ARN: expected arn:aws:iam::<account>:role/<name> (the stack's readerRoleArn output).");
        if (!ExternalIdPattern().IsMatch(o.ExternalId ?? ""))
            errors.Add($"{WorkerSettings.ExternalId} is {(string.IsNullOrEmpty(o.ExternalId) ? "missing" : "invalid")}: expected 2–1224 characters of letters, digits and +=,.@:/- (the stack's externalId output).");
        var regions = o.RegionList;
        if (regions.Count == 0)
            errors.Add($"{WorkerSettings.Regions} is empty: set a comma-separated list of AWS regions, e.g. us-east-1,eu-west-1.");
        foreach (var r in regions.Where(r => !RegionPattern().IsMatch(r)))
            errors.Add($"{WorkerSettings.Regions} contains '{r}', which is not an AWS region name such as us-east-1.");
        if (regions.Count != regions.Distinct(StringComparer.Ordinal).Count())
            errors.Add($"{WorkerSettings.Regions} names a region twice: list each region once.");
        if (o.BackfillDays is < 0 or > CloudTrailLimits.HistoryDays)
            errors.Add($"{WorkerSettings.BackfillDays} is {o.BackfillDays}: expected 0–{CloudTrailLimits.HistoryDays} (LookupEvents keeps {CloudTrailLimits.HistoryDays} days).");
        if (o.RequestsPerSecond is <= 0 or > CloudTrailLimits.RequestsPerSecond * 10)
            errors.Add($"Source:RequestsPerSecond is {o.RequestsPerSecond}: expected more than 0 and normally {CloudTrailLimits.RequestsPerSecond} (the LookupEvents quota per account and region).");
        if (o.PageSize is < 1 or > CloudTrailLimits.MaxResults)
            errors.Add($"Source:PageSize is {o.PageSize}: expected 1–{CloudTrailLimits.MaxResults} (LookupEvents MaxResults).");
        if (o.SettleDelay < TimeSpan.Zero) errors.Add($"Source:SettleDelay is {o.SettleDelay}: expected zero or more, e.g. 00:02:00.");
        if (o.Overlap < TimeSpan.Zero) errors.Add($"Source:Overlap is {o.Overlap}: expected zero or more, e.g. 00:10:00.");
        if (o.PollInterval <= TimeSpan.Zero) errors.Add($"Source:PollInterval is {o.PollInterval}: expected more than zero, e.g. 00:00:15.");
        if (o.ParkRetryInterval <= TimeSpan.Zero) errors.Add($"Source:ParkRetryInterval is {o.ParkRetryInterval}: expected more than zero, e.g. 00:15:00.");
        if (o.ChunkSpan < TimeSpan.FromMinutes(1) || o.ChunkSpan < o.Overlap)
            errors.Add($"Source:ChunkSpan is {o.ChunkSpan}: expected at least 1 minute and at least Source:Overlap ({o.Overlap}).");
        if (o.SessionDurationSeconds is < 900 or > 3600)
            errors.Add($"Source:SessionDurationSeconds is {o.SessionDurationSeconds}: expected 900–3600 (role chaining caps sessions at one hour).");
        if (o.CredentialRefreshBeforeExpiry < TimeSpan.Zero || o.CredentialRefreshBeforeExpiry >= TimeSpan.FromSeconds(o.SessionDurationSeconds))
            errors.Add($"Source:CredentialRefreshBeforeExpiry is {o.CredentialRefreshBeforeExpiry}: expected zero or more and less than the session duration.");
        foreach (var (key, uri) in new[] { ("Source:Endpoint", o.Endpoint), ("Source:StsEndpoint", o.StsEndpoint) })
            if (uri is not null && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)))
                errors.Add($"{key} '{uri}' must be an absolute https URL (plain http only on the loopback address, for tests).");

        switch (o.Broker.Mode)
        {
            case BrokerMode.WebIdentity:
                if (!RoleArn.TryParse(o.Broker.RoleArn, out _))
                    errors.Add($"{WorkerSettings.BrokerRoleArn} '{o.Broker.RoleArn}' is not an IAM role ARN: with {WorkerSettings.BrokerMode}=WebIdentity set the broker role the managed identity federates to (arn:aws:iam::<account>:role/<name>).");
                if (string.IsNullOrWhiteSpace(o.Broker.Audience))
                    errors.Add($"{WorkerSettings.BrokerAudience} is missing: with {WorkerSettings.BrokerMode}=WebIdentity set the token audience the broker role's trust policy expects (e.g. the managed identity's client ID).");
                break;
            case BrokerMode.AccessKey:
                if (string.IsNullOrWhiteSpace(o.Broker.AccessKeyId) || string.IsNullOrWhiteSpace(o.Broker.SecretAccessKey))
                    errors.Add($"{WorkerSettings.BrokerAccessKeyId} and {WorkerSettings.BrokerSecretAccessKey} are required with {WorkerSettings.BrokerMode}=AccessKey (keep the secret in Key Vault, referenced from the app setting).");
                break;
            case BrokerMode.Default:
                break;
            default:
                errors.Add($"{WorkerSettings.BrokerMode} '{o.Broker.Mode}' is unknown: expected WebIdentity, AccessKey or Default.");
                break;
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
