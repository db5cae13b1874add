namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// The settings that follow a command, in the forms .NET's command-line configuration provider reads
/// (Microsoft.Extensions.Configuration.CommandLine): <c>--Section:Key=value</c>, <c>/Section:Key=value</c>,
/// <c>Section:Key=value</c>, or <c>--Section:Key value</c> (the value as the next token). Any other token would be
/// dropped by the provider without a word, so it is refused here with the form to use.
/// </summary>
internal static class SettingTokens
{
    /// <summary>A message naming the first token that is not part of a setting, or null when all are.</summary>
    public static string? FirstProblem(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Contains('=', StringComparison.Ordinal))
            {
                if (token.StartsWith('-') && !token.StartsWith("--", StringComparison.Ordinal))
                    return $"'{Name(token)}' is not a setting: write it with two dashes, --{Name(token).TrimStart('-')}=<value>.";
                continue;
            }
            if (token.StartsWith("--", StringComparison.Ordinal) || token.StartsWith('/'))
            {
                // The provider takes the next token as the value whatever it is; one that starts with "--" is the next
                // setting, so this one was given no value. A value may start with '/' (a path).
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return $"'{token}' has no value: write {token}=<value>.";
                i++; // its value
                continue;
            }
            return $"'{token}' is not a setting: write settings as --Section:Key=value (e.g. --Source:Regions=us-east-1); see connector/README.md.";
        }
        return null;
    }

    // The key only: the value may be a secret.
    private static string Name(string token) => token[..token.IndexOf('=', StringComparison.Ordinal)];
}
