using SentinelAwsIac.Emulators.Aws;
using SentinelAwsIac.Emulators.CloudTrail;
using SentinelAwsIac.Emulators.Sts;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>STS and CloudTrail emulators with the reader role (trusting the broker user, with an external ID) and the broker's access key.</summary>
public sealed class AwsWorld : IAsyncDisposable
{
    public const string Account = "111122223333";
    public const string ReaderRoleArn = "arn:aws:iam::111122223333:role/SentinelCloudTrailReader";
    public string ExternalId { get; } = "ext-" + Guid.NewGuid().ToString("N");

    public AwsIdentityStore Identities { get; } = new();
    public StsEmulator Sts { get; private set; } = null!;
    public CloudTrailEmulator CloudTrail { get; private set; } = null!;
    public EmulatedAccessKey BrokerKey { get; private set; } = null!;
    public CloudTrailRecordGenerator Generator { get; } = new(7);

    public static async Task<AwsWorld> StartAsync()
    {
        var w = new AwsWorld();
        w.Sts = await StsEmulator.StartAsync(w.Identities);
        w.CloudTrail = await CloudTrailEmulator.StartAsync(w.Identities);
        w.BrokerKey = w.Identities.AddAccessKey("arn:aws:iam::444455556666:user/sentinel-broker");
        w.Identities.AddRole(new EmulatedRole(ReaderRoleArn, [w.BrokerKey.PrincipalArn], w.ExternalId));
        return w;
    }

    /// <summary>Seeds <paramref name="count"/> events per region over the last 20 hours (all older than 30 s).</summary>
    public List<EmulatedEvent> Seed(IEnumerable<string> regions, int count)
    {
        var now = DateTimeOffset.UtcNow;
        return regions.SelectMany(r => CloudTrail.Seed(Generator, Account, r, count, now.AddHours(-20), now.AddSeconds(-30))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await CloudTrail.DisposeAsync();
        await Sts.DisposeAsync();
    }
}
