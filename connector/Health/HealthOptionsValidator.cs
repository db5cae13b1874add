using Microsoft.Extensions.Options;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

/// <summary>Checks the "Health" section; each message names the key and the fix.</summary>
public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions o)
    {
        var errors = new List<string>();
        var section = WorkerSettings.HealthSection;
        if (o.Interval < TimeSpan.FromSeconds(1) || o.Interval > TimeSpan.FromHours(1))
            errors.Add($"{section}:{nameof(HealthOptions.Interval)} is {o.Interval}: expected 00:00:01 to 01:00:00 (default 00:01:00, one health row per partition per minute).");
        if (o.StallAfter < TimeSpan.FromSeconds(1))
            errors.Add($"{section}:{nameof(HealthOptions.StallAfter)} is {o.StallAfter}: expected at least 00:00:01 (default 00:15:00).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
