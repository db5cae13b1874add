using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SentinelAwsIac.Emulators.Aws;

/// <summary>A long-term access key of an IAM user (the AccessKey broker) or any principal the tests define.</summary>
public sealed record EmulatedAccessKey(string AccessKeyId, string SecretAccessKey, string PrincipalArn, string AccountId);

/// <summary>A temporary session issued by the STS emulator; accepted by the CloudTrail emulator until it expires.</summary>
public sealed record EmulatedSession(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration,
    string RoleArn, string AccountId, bool Chained)
{
    public string AssumedRoleArn(string sessionName) => RoleArn.Replace(":iam::", ":sts::").Replace(":role/", ":assumed-role/") + "/" + sessionName;
}

/// <summary>Trust of a role the STS emulator can issue sessions for.</summary>
/// <param name="TrustedPrincipalArns">Caller principals allowed by sts:AssumeRole (user ARN, role ARN or account root).</param>
/// <param name="ExternalId">When set, the StringEquals sts:ExternalId condition: a missing or other value is AccessDenied.</param>
/// <param name="WebIdentityIssuer">When set, sts:AssumeRoleWithWebIdentity is allowed for tokens of this issuer…</param>
/// <param name="WebIdentityAudience">…with this aud…</param>
/// <param name="WebIdentitySubject">…and this sub (docs/facts.md#secretless-aws-access: pin both aud and sub).</param>
public sealed record EmulatedRole(string Arn, IReadOnlyList<string> TrustedPrincipalArns, string? ExternalId = null,
    string? WebIdentityIssuer = null, string? WebIdentityAudience = null, string? WebIdentitySubject = null)
{
    public string AccountId => Arn.Split(':')[4];
}

/// <summary>
/// What the emulated AWS account knows: access keys, roles and issued sessions. Shared by the STS emulator
/// (which issues sessions) and the CloudTrail emulator (which accepts them).
/// </summary>
public sealed class AwsIdentityStore(TimeProvider? timeProvider = null)
{
    private readonly ConcurrentDictionary<string, EmulatedAccessKey> _keys = new();
    private readonly ConcurrentDictionary<string, EmulatedSession> _sessions = new();
    private readonly ConcurrentDictionary<string, EmulatedRole> _roles = new();

    public TimeProvider Time { get; } = timeProvider ?? TimeProvider.System;

    /// <summary>When set, sessions last this long whatever DurationSeconds asked (tests of refresh and expiry).</summary>
    public TimeSpan? SessionLifetimeOverride { get; set; }

    public EmulatedAccessKey AddAccessKey(string principalArn)
    {
        var key = new EmulatedAccessKey("AKIA" + RandomId(16), RandomSecret(), principalArn, principalArn.Split(':')[4]);
        _keys[key.AccessKeyId] = key;
        return key;
    }

    public void AddRole(EmulatedRole role) => _roles[role.Arn] = role;

    public EmulatedRole? FindRole(string arn) => _roles.TryGetValue(arn, out var r) ? r : null;

    public EmulatedSession IssueSession(EmulatedRole role, TimeSpan lifetime, bool chained)
    {
        var session = new EmulatedSession("ASIA" + RandomId(16), RandomSecret(), "FwoGZXIvYXdzE" + RandomSecret() + RandomSecret(),
            Time.GetUtcNow() + (SessionLifetimeOverride ?? lifetime), role.Arn, role.AccountId, chained);
        _sessions[session.AccessKeyId] = session;
        return session;
    }

    /// <summary>Makes every issued session expired now (tests of ExpiredTokenException and refresh).</summary>
    public void ExpireAllSessions()
    {
        foreach (var s in _sessions.Values) _sessions[s.AccessKeyId] = s with { Expiration = Time.GetUtcNow().AddSeconds(-1) };
    }

    public int SessionsIssued => _sessions.Count;

    internal EmulatedAccessKey? FindKey(string accessKeyId) => _keys.TryGetValue(accessKeyId, out var k) ? k : null;
    internal EmulatedSession? FindSession(string accessKeyId) => _sessions.TryGetValue(accessKeyId, out var s) ? s : null;

    private static string RandomId(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return string.Create(length, 0, (span, _) => { for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]; });
    }

    private static string RandomSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', 'x').Replace('/', 'y');
}
