using System.Text.Json;
using Azure.Core;

namespace SentinelAwsIac.Connector.Tests.Azurite;

/// <summary>
/// A <see cref="TokenCredential"/> that mints unsigned JWTs (alg "none") the way Entra ID shapes storage tokens, for
/// Azurite's <c>--oauth basic</c>, which checks claims but not signatures. Like Entra's v1 tokens, the audience is the
/// resource of the requested scope (scope minus "/.default": https://storage.azure.com/.default → aud
/// https://storage.azure.com), so a client asking for the wrong scope gets a token the service rejects.
/// Records every scope it was asked for.
/// </summary>
public sealed class UnsignedJwtCredential : TokenCredential
{
    /// <summary>An Entra ID issuer (v1 tokens: https://sts.windows.net/&lt;tenant&gt;/); Azurite accepts issuers starting
    /// with https://sts.windows.net/ (Azurite 3.35.0, common/utils/constants VALID_ISSUE_PREFIXES).</summary>
    public const string EntraIssuer = "https://sts.windows.net/00000000-0000-0000-0000-00000000c0de/";

    private readonly List<string[]> _requests = [];

    /// <summary>Token lifetime from now: negative gives a token that expired that long ago.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Overrides the audience derived from the scope (null: derive it like Entra).</summary>
    public string? Audience { get; init; }

    public string Issuer { get; init; } = EntraIssuer;

    /// <summary>The scopes of each token request, in order.</summary>
    public IReadOnlyList<string[]> Requests { get { lock (_requests) return [.. _requests]; } }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_requests) _requests.Add(requestContext.Scopes.ToArray());
        var now = DateTimeOffset.UtcNow;
        var expires = now + Lifetime;
        var issued = Lifetime < TimeSpan.Zero ? expires - TimeSpan.FromHours(1) : now - TimeSpan.FromMinutes(5); // Entra back-dates nbf by 5 min
        var claims = new Dictionary<string, object>
        {
            ["aud"] = Audience ?? ResourceOf(requestContext.Scopes),
            ["iss"] = Issuer,
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["nbf"] = issued.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["oid"] = "11111111-1111-1111-1111-111111111111",
            ["tid"] = "00000000-0000-0000-0000-00000000c0de",
            ["ver"] = "1.0",
        };
        var header = new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" };
        var token = $"{Base64Url(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims))}.";
        return new AccessToken(token, expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string ResourceOf(string[] scopes)
    {
        if (scopes.Length != 1)
            throw new InvalidOperationException($"Expected one scope, was asked for {scopes.Length}: {string.Join(' ', scopes)}.");
        const string suffix = "/.default";
        var scope = scopes[0];
        return scope.EndsWith(suffix, StringComparison.Ordinal) ? scope[..^suffix.Length] : scope;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
