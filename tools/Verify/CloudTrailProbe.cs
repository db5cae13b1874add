using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SentinelAwsIac.Verify;

/// <summary>What the probe did: the nonce its event carries, when it made the call, and how STS answered.</summary>
public sealed record ProbeEvent(string Nonce, string SessionName, DateTimeOffset CalledAt, string Outcome);

/// <summary>
/// Causes one harmless, recognisable CloudTrail management event: <c>sts:AssumeRole</c> of the reader role with a
/// session name that carries a nonce. Nothing is changed anywhere; a granted session is dropped unused.
/// Why this call: CloudTrail records every IAM and STS API call as an event (IAM user guide, "Logging IAM and AWS STS API
/// calls with AWS CloudTrail", docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html), in Event
/// history without any trail, which is what the worker reads with LookupEvents; the request's session name is part of
/// the event's <c>requestParameters</c> (<c>roleSessionName</c>; the same page's AssumeRole example event), which the
/// worker maps to the <c>RequestParameters</c> column; and the role session name "can be logged by the account that
/// owns the role" and is what administrators see in CloudTrail (STS API reference, AssumeRole, RoleSessionName).
/// The call goes to the regional STS endpoint, so the event lands in that region's Event history: pick a region the
/// worker reads. When the caller is not the principal the reader role trusts (the operator, or CI's deploy role) STS
/// answers AccessDenied; that answer is an API call CloudTrail records too (with errorCode AccessDenied), so the probe
/// counts it as made. NOT VERIFIED here against a real account: that a denied AssumeRole's event carries
/// requestParameters.roleSessionName; if it does not, trust the caller in the reader role for the check.
/// </summary>
public sealed class CloudTrailProbe(IAmazonSecurityTokenService sts, TimeProvider time)
{
    /// <summary>Prefix of every probe session name: what a person searching CloudTrail looks for.</summary>
    public const string SessionNamePrefix = "sentinel-verify-";

    /// <summary>A nonce of 16 lower-case hex characters (session names allow [\w+=,.@-], 2–64 characters).</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public async Task<ProbeEvent> CauseEventAsync(string roleArn, string? externalId, string nonce, CancellationToken cancellationToken)
    {
        var sessionName = SessionNamePrefix + nonce;
        var calledAt = time.GetUtcNow();
        var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, DurationSeconds = 900 };
        if (!string.IsNullOrEmpty(externalId))
        {
            request.ExternalId = externalId;
        }

        try
        {
            await sts.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
            return new ProbeEvent(nonce, sessionName, calledAt, "granted (the session is dropped unused)");
        }
        catch (AmazonSecurityTokenServiceException e) when (e.ErrorCode == "AccessDenied")
        {
            return new ProbeEvent(nonce, sessionName, calledAt, "AccessDenied (recorded by CloudTrail all the same)");
        }
        catch (AmazonServiceException e)
        {
            // Not an STS decision on the role (bad credentials, no such endpoint): no event was recorded for the reader role.
            throw new VerificationFailedException($"the probe's sts:AssumeRole failed before STS decided on the role: {e.ErrorCode} ({e.StatusCode}): {e.Message}");
        }
    }
}

/// <summary>A verification that cannot go on, with the reason a person reads.</summary>
public sealed class VerificationFailedException(string reason) : Exception(reason);
