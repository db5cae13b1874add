using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SentinelAwsIac.Emulators.Aws;

namespace SentinelAwsIac.Emulators.Sts;

/// <summary>
/// AWS STS on 127.0.0.1, query protocol (form-encoded POST, <c>Action</c> + <c>Version=2011-06-15</c>), XML
/// answers in the namespace <c>https://sts.amazonaws.com/doc/2011-06-15/</c> (STS API reference). AssumeRole is
/// SigV4-verified and enforces the role's trust: the caller principal and the sts:ExternalId condition
/// (AccessDenied, Sender, 403). AssumeRoleWithWebIdentity is unsigned and checks the JWT's signature (HS256
/// with <see cref="WebIdentitySigningKey"/>), iss, aud, sub and exp. Chained sessions are capped at 3600 s.
/// </summary>
public sealed class StsEmulator : IAsyncDisposable
{
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly WebApplication _app;
    private int _requests;

    private StsEmulator(WebApplication app, Uri baseAddress, AwsIdentityStore identities, byte[] key)
    {
        _app = app;
        BaseAddress = baseAddress;
        Identities = identities;
        WebIdentitySigningKey = key;
    }

    public Uri BaseAddress { get; }
    public AwsIdentityStore Identities { get; }

    /// <summary>Key of the HS256 signature the web-identity tokens must carry (stands in for the issuer's JWKS).</summary>
    public byte[] WebIdentitySigningKey { get; }

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<StsEmulator> StartAsync(AwsIdentityStore identities, CancellationToken cancellationToken = default)
    {
        StsEmulator? emulator = null;
        var (app, address) = await LoopbackHost.StartAsync(ctx => emulator!.HandleAsync(ctx), cancellationToken).ConfigureAwait(false);
        emulator = new StsEmulator(app, address, identities, RandomNumberGenerator.GetBytes(32));
        return emulator;
    }

    /// <summary>Makes a web identity token such as Entra ID would issue, signed with <see cref="WebIdentitySigningKey"/>.</summary>
    public string CreateWebIdentityToken(string issuer, string audience, string subject, TimeSpan lifetime)
    {
        var now = Identities.Time.GetUtcNow();
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer, ["aud"] = audience, ["sub"] = subject, ["oid"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(), ["nbf"] = now.ToUnixTimeSeconds(), ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        }));
        var signature = Base64Url(HMACSHA256.HashData(WebIdentitySigningKey, Encoding.ASCII.GetBytes(header + "." + payload)));
        return $"{header}.{payload}.{signature}";
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _requests);
        var body = await LoopbackHost.ReadBodyAsync(ctx.Request, ctx.RequestAborted).ConfigureAwait(false);
        if (!HttpMethods.IsPost(ctx.Request.Method))
        {
            await ErrorAsync(ctx, 400, "Sender", "InvalidAction", "Only POST is emulated.").ConfigureAwait(false);
            return;
        }
        var form = ParseForm(Encoding.UTF8.GetString(body));
        form.TryGetValue("Action", out var action);
        if (!form.TryGetValue("Version", out var version) || version != "2011-06-15")
        {
            await ErrorAsync(ctx, 400, "Sender", "InvalidAction", $"Could not find operation {action} for version {version}").ConfigureAwait(false);
            return;
        }
        switch (action)
        {
            case "AssumeRole": await AssumeRoleAsync(ctx, body, form).ConfigureAwait(false); break;
            case "AssumeRoleWithWebIdentity": await AssumeRoleWithWebIdentityAsync(ctx, form).ConfigureAwait(false); break;
            default: await ErrorAsync(ctx, 400, "Sender", "InvalidAction", $"Could not find operation {action} for version 2011-06-15").ConfigureAwait(false); break;
        }
    }

    private async Task AssumeRoleAsync(HttpContext ctx, byte[] body, Dictionary<string, string> form)
    {
        var (failure, message, caller) = SigV4Verifier.Verify(ctx.Request, body, Identities, "sts");
        if (failure != AuthFailure.None)
        {
            var (status, code) = failure switch
            {
                AuthFailure.MissingAuthentication => (403, "MissingAuthenticationToken"),
                AuthFailure.UnknownKey => (403, "InvalidClientTokenId"),
                AuthFailure.ExpiredToken => (400, "ExpiredToken"),
                AuthFailure.IncompleteSignature => (400, "IncompleteSignature"),
                _ => (403, "SignatureDoesNotMatch"),
            };
            await ErrorAsync(ctx, status, "Sender", code, message).ConfigureAwait(false);
            return;
        }
        if (!Validate(form, out var roleArn, out var sessionName, out var duration, out var validation))
        {
            await ErrorAsync(ctx, 400, "Sender", "ValidationError", validation).ConfigureAwait(false);
            return;
        }
        var principal = caller!.Session is { } s ? s.RoleArn : caller.PrincipalArn;
        var role = Identities.FindRole(roleArn);
        var trusted = role is not null && role.TrustedPrincipalArns.Any(p => p == principal || p == $"arn:aws:iam::{caller.AccountId}:root");
        form.TryGetValue("ExternalId", out var externalId);
        if (role is null || !trusted || (role.ExternalId is not null && externalId != role.ExternalId))
        {
            var callerArn = caller.Session is { } cs ? cs.AssumedRoleArn("session") : caller.PrincipalArn;
            await ErrorAsync(ctx, 403, "Sender", "AccessDenied", $"User: {callerArn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}").ConfigureAwait(false);
            return;
        }
        var chained = caller.Session is not null;
        // Role chaining limits a session to one hour (IAM user guide, "Role chaining"; STS AssumeRole reference).
        if (chained && duration > 3600)
        {
            await ErrorAsync(ctx, 400, "Sender", "ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.").ConfigureAwait(false);
            return;
        }
        var session = Identities.IssueSession(role, TimeSpan.FromSeconds(duration), chained);
        await ResultAsync(ctx, "AssumeRole", session, sessionName, extra: null).ConfigureAwait(false);
    }

    private async Task AssumeRoleWithWebIdentityAsync(HttpContext ctx, Dictionary<string, string> form)
    {
        if (!Validate(form, out var roleArn, out var sessionName, out var duration, out var validation))
        {
            await ErrorAsync(ctx, 400, "Sender", "ValidationError", validation).ConfigureAwait(false);
            return;
        }
        if (!form.TryGetValue("WebIdentityToken", out var token) || token.Length is < 4 or > 20000)
        {
            await ErrorAsync(ctx, 400, "Sender", "ValidationError", "1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000").ConfigureAwait(false);
            return;
        }
        var claims = ReadVerifiedClaims(token);
        if (claims is null)
        {
            await ErrorAsync(ctx, 400, "Sender", "InvalidIdentityToken", "Couldn't verify the token's signature or its format.").ConfigureAwait(false);
            return;
        }
        var role = Identities.FindRole(roleArn);
        var iss = claims.Value.GetProperty("iss").GetString();
        if (role?.WebIdentityIssuer is null || iss != role.WebIdentityIssuer)
        {
            await ErrorAsync(ctx, 400, "Sender", "InvalidIdentityToken", $"No OpenIDConnect provider found in your account for {iss}").ConfigureAwait(false);
            return;
        }
        if (claims.Value.GetProperty("exp").GetInt64() < Identities.Time.GetUtcNow().ToUnixTimeSeconds())
        {
            await ErrorAsync(ctx, 400, "Sender", "ExpiredTokenException", "Token expired").ConfigureAwait(false);
            return;
        }
        var aud = claims.Value.GetProperty("aud").GetString();
        var sub = claims.Value.GetProperty("sub").GetString();
        if (aud != role.WebIdentityAudience)
        {
            await ErrorAsync(ctx, 400, "Sender", "InvalidIdentityToken", "Incorrect token audience").ConfigureAwait(false);
            return;
        }
        if (sub != role.WebIdentitySubject)
        {
            await ErrorAsync(ctx, 403, "Sender", "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity").ConfigureAwait(false);
            return;
        }
        var session = Identities.IssueSession(role, TimeSpan.FromSeconds(duration), chained: false);
        await ResultAsync(ctx, "AssumeRoleWithWebIdentity", session, sessionName,
            new XElement(XName.Get("SubjectFromWebIdentityToken", Namespace), sub)).ConfigureAwait(false);
    }

    private static bool Validate(Dictionary<string, string> form, out string roleArn, out string sessionName, out int duration, out string message)
    {
        form.TryGetValue("RoleArn", out roleArn!);
        form.TryGetValue("RoleSessionName", out sessionName!);
        duration = 3600;
        message = "";
        roleArn ??= "";
        sessionName ??= "";
        if (roleArn.Length < 20) { message = "1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"; return false; }
        if (sessionName.Length is < 2 or > 64 || !sessionName.All(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c)))
        { message = "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"; return false; }
        if (form.TryGetValue("DurationSeconds", out var d))
        {
            if (!int.TryParse(d, out duration) || duration is < 900 or > 43200)
            { message = "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200"; return false; }
        }
        if (form.TryGetValue("ExternalId", out var externalId) && (externalId.Length is < 2 or > 1224))
        { message = "1 validation error detected: Value at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224"; return false; }
        return true;
    }

    private JsonElement? ReadVerifiedClaims(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var expected = HMACSHA256.HashData(WebIdentitySigningKey, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, FromBase64Url(parts[2]))) return null;
            using var doc = JsonDocument.Parse(FromBase64Url(parts[1]));
            return doc.RootElement.Clone();
        }
        catch (FormatException) { return null; }
        catch (JsonException) { return null; }
    }

    private static async Task ResultAsync(HttpContext ctx, string action, EmulatedSession session, string sessionName, XElement? extra)
    {
        XNamespace ns = Namespace;
        var requestId = Guid.NewGuid().ToString();
        var doc = new XElement(ns + $"{action}Response",
            new XElement(ns + $"{action}Result",
                extra,
                new XElement(ns + "AssumedRoleUser",
                    new XElement(ns + "AssumedRoleId", "AROA" + session.AccessKeyId[4..] + ":" + sessionName),
                    new XElement(ns + "Arn", session.AssumedRoleArn(sessionName))),
                new XElement(ns + "Credentials",
                    new XElement(ns + "AccessKeyId", session.AccessKeyId),
                    new XElement(ns + "SecretAccessKey", session.SecretAccessKey),
                    new XElement(ns + "SessionToken", session.SessionToken),
                    new XElement(ns + "Expiration", session.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))),
            new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/xml";
        // STS answers carry the request ID twice, in the header the SDKs read ($metadata.requestId) and in the XML.
        ctx.Response.Headers["x-amzn-RequestId"] = requestId;
        await ctx.Response.WriteAsync(doc.ToString(SaveOptions.DisableFormatting)).ConfigureAwait(false);
    }

    private static async Task ErrorAsync(HttpContext ctx, int status, string type, string code, string message)
    {
        XNamespace ns = Namespace;
        var requestId = Guid.NewGuid().ToString();
        var doc = new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error", new XElement(ns + "Type", type), new XElement(ns + "Code", code), new XElement(ns + "Message", message)),
            new XElement(ns + "RequestId", requestId));
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/xml";
        ctx.Response.Headers["x-amzn-RequestId"] = requestId;
        await ctx.Response.WriteAsync(doc.ToString(SaveOptions.DisableFormatting)).ConfigureAwait(false);
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
