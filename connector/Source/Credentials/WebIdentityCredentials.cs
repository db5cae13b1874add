using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Azure.Core;

namespace SentinelAwsIac.Connector.Source.Credentials;

/// <summary>
/// The secretless broker: an Entra ID token (the worker's user-assigned managed identity in Azure) for
/// <c>&lt;audience&gt;/.default</c>, exchanged by sts:AssumeRoleWithWebIdentity (an unsigned call) for a
/// broker-role session. AssumeRoleWithWebIdentityCredentials of the SDK only reads a token file, hence this
/// RefreshingAWSCredentials subclass (docs/facts.md#secretless-aws-access).
/// </summary>
public sealed class WebIdentityCredentials : RefreshingAWSCredentials
{
    private readonly TokenCredential _tokenCredential;
    private readonly string _scope;
    private readonly string _roleArn;
    private readonly string _sessionName;
    private readonly IAmazonSecurityTokenService _sts;
    private readonly int _durationSeconds;

    /// <param name="sts">An STS client with anonymous credentials (AssumeRoleWithWebIdentity is not signed).</param>
    public WebIdentityCredentials(TokenCredential tokenCredential, string audience, string brokerRoleArn, string sessionName,
        IAmazonSecurityTokenService sts, int durationSeconds = 3600, TimeSpan? refreshBeforeExpiry = null)
    {
        _tokenCredential = tokenCredential ?? throw new ArgumentNullException(nameof(tokenCredential));
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        _scope = audience.TrimEnd('/') + "/.default";
        _roleArn = brokerRoleArn;
        _sessionName = sessionName;
        _sts = sts;
        _durationSeconds = durationSeconds;
        PreemptExpiryTime = refreshBeforeExpiry ?? TimeSpan.FromMinutes(15);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        AccessToken token;
        try
        {
            token = await _tokenCredential.GetTokenAsync(new TokenRequestContext([_scope]), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new AwsCredentialsException($"Getting an Entra ID token for '{_scope}' failed: {ex.Message} Check Identity:ManagedIdentityClientId and Source:Broker:Audience.", ex);
        }
        try
        {
            var response = await _sts.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = _roleArn,
                RoleSessionName = _sessionName,
                WebIdentityToken = token.Token,
                DurationSeconds = _durationSeconds,
            }).ConfigureAwait(false);
            return StsAssumeRoleCredentials.ToState(response.Credentials);
        }
        catch (AmazonSecurityTokenServiceException ex)
        {
            throw new AwsCredentialsException(
                $"sts:AssumeRoleWithWebIdentity on {_roleArn} failed: {ex.ErrorCode}: {ex.Message} InvalidIdentityToken means the IAM OIDC provider's URL " +
                "does not match the token's issuer; AccessDenied means the role's aud/sub conditions do not match the identity.", ex);
        }
    }
}
