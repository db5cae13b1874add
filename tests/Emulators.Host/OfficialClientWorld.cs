using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.Aws;
using SentinelAwsIac.Emulators.CloudTrail;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Emulators.Sts;

namespace SentinelAwsIac.Emulators.Host;

/// <summary>
/// STS, CloudTrail and Logs Ingestion emulators at their real limits, with what the official-client tests need: a
/// broker user with an access key; a reader role it may assume with the external ID; a web-identity role for one
/// issuer, audience and subject, with a token that passes and one with another subject; a history of events in the
/// broker's account (three pages of LookupEvents) and in the reader's; bearer tokens for the ingestion audience and
/// for another cloud's.
/// </summary>
public sealed class OfficialClientWorld : IAsyncDisposable
{
    public const string BrokerUserArn = "arn:aws:iam::444455556666:user/official-client-broker";
    public const string ReaderRoleArn = "arn:aws:iam::111122223333:role/SentinelCloudTrailReader";
    public const string WebIdentityRoleArn = "arn:aws:iam::444455556666:role/OIDC_SentinelBroker";
    public const string HistoryRegion = "us-east-1";
    public const string ThrottleRegion = "eu-west-1";
    public const int BrokerEvents = 120;
    public const int ReaderEvents = 7;

    private OfficialClientWorld(AwsIdentityStore identities, StsEmulator sts, CloudTrailEmulator cloudTrail, LogsIngestionEmulator logsIngestion)
    {
        Identities = identities;
        Sts = sts;
        CloudTrail = cloudTrail;
        LogsIngestion = logsIngestion;
    }

    public AwsIdentityStore Identities { get; }
    public StsEmulator Sts { get; }
    public CloudTrailEmulator CloudTrail { get; }
    public LogsIngestionEmulator LogsIngestion { get; }
    public OfficialClientWorldInfo Info { get; private set; } = null!;

    public static async Task<OfficialClientWorld> StartAsync(CancellationToken cancellationToken = default)
    {
        var identities = new AwsIdentityStore();
        var world = new OfficialClientWorld(identities,
            await StsEmulator.StartAsync(identities, cancellationToken).ConfigureAwait(false),
            await CloudTrailEmulator.StartAsync(identities, cancellationToken).ConfigureAwait(false),
            await LogsIngestionEmulator.StartAsync(new LogsIngestionEmulatorOptions(), cancellationToken).ConfigureAwait(false));

        var broker = identities.AddAccessKey(BrokerUserArn);
        var externalId = "official-" + Guid.NewGuid().ToString("N");
        identities.AddRole(new EmulatedRole(ReaderRoleArn, [BrokerUserArn], externalId));
        var tenant = Guid.NewGuid();
        var issuer = $"https://sts.windows.net/{tenant}/";
        var audience = Guid.NewGuid().ToString();
        var subject = Guid.NewGuid().ToString();
        identities.AddRole(new EmulatedRole(WebIdentityRoleArn, [], WebIdentityIssuer: issuer, WebIdentityAudience: audience, WebIdentitySubject: subject));

        // Events 2 h to 1 h ago, so a LookupEvents without StartTime/EndTime sees them all.
        var now = DateTimeOffset.UtcNow;
        var brokerAccount = BrokerUserArn.Split(':')[4];
        world.CloudTrail.Seed(new CloudTrailRecordGenerator(7), brokerAccount, HistoryRegion, BrokerEvents, now.AddHours(-2), now.AddHours(-1));
        world.CloudTrail.Seed(new CloudTrailRecordGenerator(8), ReaderRoleArn.Split(':')[4], HistoryRegion, ReaderEvents, now.AddHours(-2), now.AddHours(-1));

        var ingestion = world.LogsIngestion;
        var expires = now.AddHours(6);
        world.Info = new OfficialClientWorldInfo(
            world.Sts.BaseAddress, world.CloudTrail.BaseAddress, ingestion.Endpoint,
            ingestion.Certificate.ExportCertificatePem(),
            LogsIngestionEmulatorOptions.DefaultRuleId, TableSchema.CustomStreamName(CloudTrailTable.DefaultName), IngestionLimits.MaxBodyBytes,
            ingestion.Options.Audience, ingestion.Tokens.Issue(ingestion.Options.Audience, expires),
            ingestion.Tokens.Issue("https://monitor.azure.us", expires), expires.ToUnixTimeMilliseconds(),
            broker.AccessKeyId, broker.SecretAccessKey, brokerAccount, ReaderRoleArn, externalId,
            WebIdentityRoleArn, world.Sts.CreateWebIdentityToken(issuer, audience, subject, TimeSpan.FromHours(1)),
            world.Sts.CreateWebIdentityToken(issuer, audience, Guid.NewGuid().ToString(), TimeSpan.FromHours(1)),
            HistoryRegion, BrokerEvents, ReaderEvents, ThrottleRegion, CloudTrailLimits.RequestsPerSecond);
        return world;
    }

    public OfficialClientWorldStats Stats() => new(
        Sts.Requests, CloudTrail.Requests, CloudTrail.Throttles, new Dictionary<string, long>(CloudTrail.Errors),
        LogsIngestion.Counters.Requests, LogsIngestion.Counters.RowsAccepted,
        LogsIngestion.Counters.Statuses.ToDictionary(s => s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), s => s.Value));

    public async ValueTask DisposeAsync()
    {
        await LogsIngestion.DisposeAsync().ConfigureAwait(false);
        await CloudTrail.DisposeAsync().ConfigureAwait(false);
        await Sts.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>What the tests need to reach the emulators; crosses to them as the READY line.</summary>
public sealed record OfficialClientWorldInfo(
    Uri StsEndpoint,
    Uri CloudTrailEndpoint,
    Uri LogsIngestionEndpoint,
    string CertificatePem,
    string RuleId,
    string StreamName,
    int MaxBodyBytes,
    string IngestionAudience,
    string IngestionToken,
    string OtherAudienceToken,
    long TokenExpiresOnMs,
    string BrokerAccessKeyId,
    string BrokerSecretAccessKey,
    string BrokerAccount,
    string ReaderRoleArn,
    string ExternalId,
    string WebIdentityRoleArn,
    string WebIdentityToken,
    string OtherSubjectWebIdentityToken,
    string HistoryRegion,
    int BrokerEvents,
    int ReaderEvents,
    string ThrottleRegion,
    double RequestsPerSecond);

/// <summary>Counters of the emulators, for assertions on what the clients sent.</summary>
public sealed record OfficialClientWorldStats(
    int StsRequests,
    long CloudTrailRequests,
    long CloudTrailThrottles,
    IReadOnlyDictionary<string, long> CloudTrailErrors,
    long IngestionRequests,
    long IngestionRowsAccepted,
    IReadOnlyDictionary<string, long> IngestionStatuses);
