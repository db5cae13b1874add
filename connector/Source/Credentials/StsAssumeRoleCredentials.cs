using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace SentinelAwsIac.Connector.Source.Credentials;

/// <summary>
/// The reader role's session: sts:AssumeRole with the external ID, from the broker's credentials, refreshed
/// <see cref="RefreshingAWSCredentials.PreemptExpiryTime"/> before it expires. Written instead of
/// AssumeRoleAWSCredentials because that one builds its own STS client whose endpoint cannot be overridden.
/// A chained session (broker itself a role session) is capped at 1 h: DurationSeconds ≤ 3600 (IAM user guide,
/// "Role chaining"; docs/facts.md#iam-and-sts).
/// </summary>
public sealed class StsAssumeRoleCredentials : RefreshingAWSCredentials
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly string _roleArn;
    private readonly string _sessionName;
    private readonly string _externalId;
    private readonly int _durationSeconds;

    public StsAssumeRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string externalId, string sessionName,
        int durationSeconds = 3600, TimeSpan? refreshBeforeExpiry = null)
    {
        _sts = sts ?? throw new ArgumentNullException(nameof(sts));
        _roleArn = roleArn;
        _externalId = externalId;
        _sessionName = sessionName;
        _durationSeconds = durationSeconds;
        // The SDK's AssumeRoleAWSCredentials refreshes 15 min before expiry; the base class defaults to 0.
        PreemptExpiryTime = refreshBeforeExpiry ?? TimeSpan.FromMinutes(15);
    }

    public string RoleArn => _roleArn;

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        AssumeRoleResponse response;
        try
        {
            response = await _sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = _roleArn,
                RoleSessionName = _sessionName,
                ExternalId = _externalId,
                DurationSeconds = _durationSeconds,
            }).ConfigureAwait(false);
        }
        catch (AmazonSecurityTokenServiceException ex)
        {
            throw new AwsCredentialsException(
                $"sts:AssumeRole on {_roleArn} failed: {ex.ErrorCode}: {ex.Message} Check that the role's trust policy names the broker principal " +
                "and that Source:ExternalId equals its sts:ExternalId condition.", ex);
        }
        return ToState(response.Credentials);
    }

    internal static CredentialsRefreshState ToState(Amazon.SecurityToken.Model.Credentials c) =>
        new(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken),
            (c.Expiration ?? DateTime.UtcNow.AddMinutes(15)).ToUniversalTime());
}

/// <summary>Getting AWS credentials failed; the message names the call, the role and the likely fix.</summary>
public sealed class AwsCredentialsException(string message, Exception? inner = null) : Exception(message, inner);
