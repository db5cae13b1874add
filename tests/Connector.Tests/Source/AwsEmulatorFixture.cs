using Amazon.Runtime;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.Credentials;
using SentinelAwsIac.Emulators.Aws;
using SentinelAwsIac.Emulators.CloudTrail;
using SentinelAwsIac.Emulators.Sts;

namespace SentinelAwsIac.Connector.Tests.Source;

/// <summary>STS and CloudTrail emulators with a reader role (external ID), a broker user and a web-identity broker role.</summary>
public sealed class AwsEmulators : IAsyncDisposable
{
    public const string Account = "111122223333";
    public const string BrokerAccount = "444455556666";
    public const string ReaderRoleArn = "arn:aws:iam::111122223333:role/SentinelCloudTrailReader";
    public const string BrokerRoleArn = "arn:aws:iam::444455556666:role/SentinelBroker";
    public const string Issuer = "https://sts.windows.net/00000000-0000-0000-0000-000000000001/";
    public const string Audience = "api://sentinel-aws-broker";
    public const string Subject = "11111111-2222-3333-4444-555555555555";
    public string ExternalId { get; } = "ext-" + Guid.NewGuid().ToString("N");

    public AwsIdentityStore Identities { get; } = new();
    public StsEmulator Sts { get; private set; } = null!;
    public CloudTrailEmulator CloudTrail { get; private set; } = null!;
    public EmulatedAccessKey BrokerKey { get; private set; } = null!;
    public CloudTrailRecordGenerator Generator { get; } = new(42);

    public static async Task<AwsEmulators> StartAsync()
    {
        var e = new AwsEmulators();
        e.Sts = await StsEmulator.StartAsync(e.Identities);
        e.CloudTrail = await CloudTrailEmulator.StartAsync(e.Identities);
        e.BrokerKey = e.Identities.AddAccessKey($"arn:aws:iam::{BrokerAccount}:user/sentinel-broker");
        e.Identities.AddRole(new EmulatedRole(BrokerRoleArn, [], WebIdentityIssuer: Issuer, WebIdentityAudience: Audience, WebIdentitySubject: Subject));
        e.Identities.AddRole(new EmulatedRole(ReaderRoleArn, [e.BrokerKey.PrincipalArn, BrokerRoleArn], e.ExternalId));
        return e;
    }

    public SourceOptions Options(string regions = "us-east-1", string? externalId = null) => new()
    {
        ReaderRoleArn = ReaderRoleArn,
        ExternalId = externalId ?? ExternalId,
        Regions = regions,
        Broker = new BrokerOptions { Mode = BrokerMode.AccessKey, AccessKeyId = BrokerKey.AccessKeyId, SecretAccessKey = BrokerKey.SecretAccessKey },
        Endpoint = CloudTrail.BaseAddress,
        StsEndpoint = Sts.BaseAddress,
    };

    public StsAssumeRoleCredentials ReaderCredentials(SourceOptions? options = null) => ReaderCredentialsFactory.Create(options ?? Options(), null);

    public LookupEventsClient Client(string region, AWSCredentials credentials) =>
        new(new LookupEventsClientOptions { Region = region, Credentials = credentials, Endpoint = CloudTrail.BaseAddress });

    public async ValueTask DisposeAsync()
    {
        await CloudTrail.DisposeAsync();
        await Sts.DisposeAsync();
    }
}
