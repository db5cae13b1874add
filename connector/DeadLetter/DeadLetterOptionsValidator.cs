using Microsoft.Extensions.Options;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.DeadLetter;

/// <summary>Checks the "DeadLetters" section; each message names the key and the fix.</summary>
public sealed class DeadLetterOptionsValidator : IValidateOptions<DeadLetterOptions>
{
    public ValidateOptionsResult Validate(string? name, DeadLetterOptions options) =>
        string.IsNullOrWhiteSpace(options.Directory)
            ? ValidateOptionsResult.Fail($"{WorkerSettings.DeadLetterDirectory} must be a writable folder for rejected records, such as ./deadletter.")
            : ValidateOptionsResult.Success;
}
