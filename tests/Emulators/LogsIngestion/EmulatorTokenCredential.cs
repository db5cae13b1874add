using System.Collections.Concurrent;
using Azure.Core;

namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>
/// A TokenCredential whose tokens the Logs Ingestion emulator accepts: the audience is taken from the requested scope
/// ("https://monitor.azure.com//.default" → "https://monitor.azure.com"), as Entra ID does. <see cref="AudienceOverride"/>
/// makes it hand out tokens for another audience (the service answers those with 401).
/// </summary>
public sealed class EmulatorTokenCredential(EmulatorTokenIssuer issuer) : TokenCredential
{
    public ConcurrentQueue<string> RequestedScopes { get; } = new();

    public volatile string? AudienceOverride;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var scope = requestContext.Scopes.Single();
        RequestedScopes.Enqueue(scope);
        const string suffix = "/.default";
        var audience = AudienceOverride ?? (scope.EndsWith(suffix, StringComparison.Ordinal) ? scope[..^suffix.Length] : scope).TrimEnd('/');
        // Short lifetime so the BearerTokenAuthenticationPolicy refreshes soon after AudienceOverride changes.
        var expires = DateTimeOffset.UtcNow.AddMinutes(AudienceOverride is null ? 60 : 0.05);
        return new AccessToken(issuer.Issue(audience, expires), expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
