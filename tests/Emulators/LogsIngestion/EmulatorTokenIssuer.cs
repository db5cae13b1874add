using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>
/// Issues and checks the bearer tokens the Logs Ingestion emulator accepts: compact JWTs (RFC 7519) signed with
/// HS256 by a key born with the issuer, carrying <c>aud</c> and <c>exp</c> like Entra ID access tokens. A token
/// from another issuer, with another audience, or expired is refused, as the service refuses it.
/// </summary>
public sealed class EmulatorTokenIssuer
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>A token for <paramref name="audience"/> (e.g. https://monitor.azure.com) valid until <paramref name="expiresOn"/>.</summary>
    public string Issue(string audience, DateTimeOffset expiresOn)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            aud = audience,
            iss = "https://sts.emulator.invalid/",
            iat = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            exp = expiresOn.ToUnixTimeSeconds(),
        }));
        var signed = header + "." + payload;
        return signed + "." + Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signed)));
    }

    /// <summary>The audience a token was issued for, or null with the reason when it is not valid now.</summary>
    public string? Validate(string token, DateTimeOffset now, out string reason)
    {
        reason = "";
        var parts = token.Split('.');
        if (parts.Length != 3) { reason = "the token is not a JWT"; return null; }
        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        byte[] signature, payload;
        try
        {
            signature = FromBase64Url(parts[2]);
            payload = FromBase64Url(parts[1]);
        }
        catch (FormatException) { reason = "the token is not base64url"; return null; }
        if (!CryptographicOperations.FixedTimeEquals(signature, expected)) { reason = "the token signature is invalid"; return null; }
        using var doc = JsonDocument.Parse(payload);
        var exp = doc.RootElement.GetProperty("exp").GetInt64();
        if (DateTimeOffset.FromUnixTimeSeconds(exp) <= now) { reason = "the token is expired"; return null; }
        return doc.RootElement.GetProperty("aud").GetString();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
