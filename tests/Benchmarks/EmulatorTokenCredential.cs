using Azure.Core;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// Hands out the bearer token that the Logs Ingestion emulator's issuer made for its audience, when the scope asked
/// for is that audience's <c>/.default</c> (as Entra ID answers "https://monitor.azure.com//.default"); any other
/// scope fails, so a client asking for the wrong audience shows at once. The token is never printed.
/// </summary>
public sealed class EmulatorTokenCredential(string audience, string token, DateTimeOffset expiresOn) : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            var asked = scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;
            if (!string.Equals(asked.TrimEnd('/'), audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"The benchmark's credential has a token for '{audience}' only; the client asked for scope '{scope}'.");
        }
        return new AccessToken(token, expiresOn);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
