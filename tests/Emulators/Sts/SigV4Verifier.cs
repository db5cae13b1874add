using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SentinelAwsIac.Emulators.Aws;

/// <summary>Why a request was refused before its operation ran.</summary>
public enum AuthFailure { None, MissingAuthentication, IncompleteSignature, UnknownKey, ExpiredToken, SignatureMismatch, SignatureExpired, WrongService }

/// <summary>A verified caller: key, scope and who it is.</summary>
public sealed record AwsCaller(string AccessKeyId, string Region, string Service, string AccountId, string PrincipalArn, EmulatedSession? Session);

/// <summary>
/// Recomputes a Signature Version 4 signature from the request as received and the secret the store knows,
/// independently of the SDK signer (AWS General Reference, "Create a signed AWS API request": canonical request,
/// string to sign, derived key kDate/kRegion/kService/kSigning). Checked against the SigV4 test suite's get-vanilla.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>AWS refuses requests whose X-Amz-Date is more than 5 minutes off (SigV4 docs, "signature expired").</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static (AuthFailure Failure, string Message, AwsCaller? Caller) Verify(HttpRequest request, byte[] body, AwsIdentityStore store, string expectedService)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
            return (AuthFailure.MissingAuthentication, "Missing Authentication Token", null);
        const string algorithm = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(algorithm, StringComparison.Ordinal))
            return (AuthFailure.IncompleteSignature, "Authorization header requires the AWS4-HMAC-SHA256 algorithm.", null);
        var parts = authorization[algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders) || !parts.TryGetValue("Signature", out var signature))
            return (AuthFailure.IncompleteSignature, "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.", null);
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
            return (AuthFailure.IncompleteSignature, $"Credential '{credential}' is not <key>/<date>/<region>/<service>/aws4_request.", null);
        var (keyId, date, region, service) = (scope[0], scope[1], scope[2], scope[3]);
        if (service != expectedService)
            return (AuthFailure.WrongService, $"Credential should be scoped to correct service: '{expectedService}'.", null);

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(date, StringComparison.Ordinal))
            return (AuthFailure.IncompleteSignature, "X-Amz-Date is missing or does not match the credential scope date.", null);
        var now = store.Time.GetUtcNow();
        if ((now - signedAt).Duration() > MaxClockSkew)
            return (AuthFailure.SignatureExpired, $"Signature expired: {amzDate} is now earlier than {(now - MaxClockSkew):yyyyMMdd'T'HHmmss'Z'}.", null);

        string secret, accountId, principal;
        EmulatedSession? session = null;
        var token = request.Headers["X-Amz-Security-Token"].ToString();
        if (store.FindSession(keyId) is { } s)
        {
            if (token != s.SessionToken) return (AuthFailure.UnknownKey, "The security token included in the request is invalid.", null);
            if (s.Expiration <= now) return (AuthFailure.ExpiredToken, "The security token included in the request is expired", null);
            (secret, accountId, principal, session) = (s.SecretAccessKey, s.AccountId, s.RoleArn, s);
        }
        else if (store.FindKey(keyId) is { } k && token.Length == 0)
        {
            (secret, accountId, principal) = (k.SecretAccessKey, k.AccountId, k.PrincipalArn);
        }
        else
        {
            return (AuthFailure.UnknownKey, "The security token included in the request is invalid.", null);
        }

        var payloadHash = Hex(SHA256.HashData(body));
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declaredHash.Length > 0 && declaredHash != "UNSIGNED-PAYLOAD" && declaredHash != payloadHash)
            return (AuthFailure.SignatureMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.", null);

        var names = signedHeaders.Split(';');
        if (!names.Contains("host")) return (AuthFailure.IncompleteSignature, "'Host' must be a signed header.", null);
        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n');
        canonical.Append(CanonicalPath(request.Path.HasValue ? request.Path.Value! : "/")).Append('\n');
        canonical.Append(CanonicalQuery(request.QueryString.HasValue ? request.QueryString.Value![1..] : "")).Append('\n');
        foreach (var name in names)
        {
            var value = name == "host" ? request.Host.Value : string.Join(",", request.Headers[name].Select(v => v ?? ""));
            canonical.Append(name).Append(':').Append(CollapseSpaces(value ?? "")).Append('\n');
        }
        canonical.Append('\n').Append(signedHeaders).Append('\n');
        canonical.Append(declaredHash.Length > 0 ? declaredHash : payloadHash);

        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var expected = Hex(HMACSHA256.HashData(SigningKey(secret, date, region, service), Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
            return (AuthFailure.SignatureMismatch, "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", null);
        return (AuthFailure.None, "", new AwsCaller(keyId, region, service, accountId, principal, session));
    }

    public static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var k = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(region));
        k = HMACSHA256.HashData(k, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(k, "aws4_request"u8.ToArray());
    }

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string CanonicalPath(string path) =>
        string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.UnescapeDataString(segment))));

    private static string CanonicalQuery(string query)
    {
        if (query.Length == 0) return "";
        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: p.Length > 1 ? Uri.EscapeDataString(Uri.UnescapeDataString(p[1].Replace('+', ' '))) : ""))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        var sb = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (c == ' ') { if (!space) sb.Append(c); space = true; }
            else { sb.Append(c); space = false; }
        }
        return sb.ToString();
    }
}
