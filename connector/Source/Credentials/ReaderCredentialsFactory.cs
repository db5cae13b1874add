using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Azure.Core;

namespace SentinelAwsIac.Connector.Source.Credentials;

/// <summary>
/// Builds the reader-role credentials from <see cref="SourceOptions"/>: a broker identity (WebIdentity,
/// AccessKey or the SDK default chain) that assumes the reader role with its external ID.
/// </summary>
public static class ReaderCredentialsFactory
{
    /// <param name="tokenCredential">Entra ID credential for <see cref="BrokerMode.WebIdentity"/> (the managed identity in Azure).</param>
    /// <param name="httpClientFactory">Optional SDK HTTP factory (tests).</param>
    public static StsAssumeRoleCredentials Create(SourceOptions options, TokenCredential? tokenCredential, HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var region = options.StsRegion ?? (options.RegionList is [var first, ..] ? first : null) ?? "us-east-1";
        var sts = new StsClientFactory(region, options.StsEndpoint, httpClientFactory);
        var reader = RoleArn.Parse(options.ReaderRoleArn);
        // RoleSessionName: 2–64 of [\w+=,.@-] (STS AssumeRole API reference); it shows in the account's CloudTrail.
        var sessionName = $"sentinel-connector-{Environment.MachineName}".Replace('_', '-');
        if (sessionName.Length > 64) sessionName = sessionName[..64];

        var broker = options.Broker.Mode switch
        {
            BrokerMode.WebIdentity => new WebIdentityCredentials(
                tokenCredential ?? throw new InvalidOperationException("Source:Broker:Mode=WebIdentity needs an Entra ID TokenCredential (the managed identity)."),
                options.Broker.Audience!, options.Broker.RoleArn!, sessionName,
                sts.Create(new AnonymousAWSCredentials()), options.SessionDurationSeconds, options.CredentialRefreshBeforeExpiry),
            BrokerMode.AccessKey => new BasicAWSCredentials(options.Broker.AccessKeyId, options.Broker.SecretAccessKey),
            _ => DefaultAWSCredentialsIdentityResolver.GetCredentials(null),
        };
        return new StsAssumeRoleCredentials(sts.Create(broker), reader.ToString(options.ReaderRoleArn), options.ExternalId, sessionName,
            options.SessionDurationSeconds, options.CredentialRefreshBeforeExpiry);
    }

    private static string ToString(this RoleArn _, string original) => original.Trim();
}
