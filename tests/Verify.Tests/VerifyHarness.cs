using Amazon.Runtime;
using Amazon.SecurityToken;
using Azure.Core.Pipeline;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.Aws;
using SentinelAwsIac.Emulators.LogAnalyticsQuery;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Emulators.Sts;
using SentinelAwsIac.Verify.LogsQuery;

namespace SentinelAwsIac.Verify.Tests;

/// <summary>The STS emulator (the reader role, trusting the worker's broker only, and an operator's access key) and
/// the Log Analytics query emulator (one workspace with the worker's two tables), wired to the verifier's clients.</summary>
internal sealed class VerifyHarness : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string ReaderRoleArn = "arn:aws:iam::111122223333:role/sentinel-cloudtrail-reader-abc";
    public const string BrokerRoleArn = "arn:aws:iam::111122223333:role/sentinel-cloudtrail-broker-abc";
    public const string OperatorArn = "arn:aws:iam::111122223333:user/operator";
    public const string ExternalId = "verify-external-id-5be1";
    public static readonly string WorkspaceId = Guid.NewGuid().ToString();

    private VerifyHarness(StsEmulator sts, LogAnalyticsQueryEmulator logs, EmulatedAccessKey operatorKey)
    {
        Sts = sts;
        Logs = logs;
        OperatorKey = operatorKey;
        Credential = new EmulatorTokenCredential(logs.Tokens);
    }

    public StsEmulator Sts { get; }
    public LogAnalyticsQueryEmulator Logs { get; }
    public EmulatedAccessKey OperatorKey { get; }
    public EmulatorTokenCredential Credential { get; }
    public StringWriter Log { get; } = new();

    public QueryTable CloudTrail => Logs.Table(WorkspaceId, CloudTrailTable.DefaultName);
    public QueryTable Health => Logs.Table(WorkspaceId, HealthTable.DefaultName);

    /// <param name="trustOperator">The reader role also trusts the operator (with the external ID): AssumeRole is granted.</param>
    public static async Task<VerifyHarness> StartAsync(bool trustOperator = false)
    {
        var identities = new AwsIdentityStore();
        var operatorKey = identities.AddAccessKey(OperatorArn);
        identities.AddRole(new EmulatedRole(ReaderRoleArn, trustOperator ? [BrokerRoleArn, OperatorArn] : [BrokerRoleArn], ExternalId));
        var sts = await StsEmulator.StartAsync(identities);
        var logs = await LogAnalyticsQueryEmulator.StartAsync();
        logs.AddWorkspace(WorkspaceId);
        return new VerifyHarness(sts, logs, operatorKey);
    }

    public IAmazonSecurityTokenService StsClient(AWSCredentials? credentials = null) =>
        new AmazonSecurityTokenServiceClient(
            credentials ?? new BasicAWSCredentials(OperatorKey.AccessKeyId, OperatorKey.SecretAccessKey),
            new AmazonSecurityTokenServiceConfig { ServiceURL = Sts.BaseAddress.ToString(), AuthenticationRegion = Region, MaxErrorRetry = 0 });

    public LogsQueryClient QueryClient() => new(Credential, new LogsQueryClientOptions
    {
        Endpoint = Logs.Endpoint,
        Audience = new Uri(LogAnalyticsQueryEmulator.DefaultAudience),
        Transport = new HttpClientTransport(Logs.CreateTrustingHandler()),
        Retry = { MaxRetries = 0 },
    });

    public PipeVerifier Verifier(AWSCredentials? credentials = null) =>
        new(new CloudTrailProbe(StsClient(credentials), TimeProvider.System), QueryClient(), TimeProvider.System, Log);

    public static VerifyTarget Target(double timeoutSeconds = 20) =>
        new(WorkspaceId, CloudTrailTable.DefaultName, HealthTable.DefaultName, TimeSpan.FromSeconds(timeoutSeconds), TimeSpan.FromMilliseconds(200));

    /// <summary>The worker's part of the pipe, played by the test: once the probe's STS call happened, health rows
    /// and, after <paramref name="delay"/>, the CloudTrail row of that call (session name in RequestParameters).</summary>
    public async Task DeliverAsync(string sessionName, TimeSpan delay, string state = "running", string? lastError = null, bool deliverRow = true, CancellationToken cancellationToken = default)
    {
        var before = Sts.Requests;
        while (Sts.Requests == before)
        {
            await Task.Delay(20, cancellationToken);
        }

        var calledAt = DateTimeOffset.UtcNow;
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            Health.Add(HealthRow(region, state == "running" || region != Region ? "running" : state, region == Region ? lastError : null, DateTimeOffset.UtcNow));
        }

        if (!deliverRow)
        {
            return;
        }

        await Task.Delay(delay, cancellationToken);
        CloudTrail.Add(CloudTrailRow(sessionName, calledAt));
    }

    public static Dictionary<string, object?> HealthRow(string region, string state, string? lastError, DateTimeOffset at) => new()
    {
        ["TimeGenerated"] = at,
        ["Partition"] = $"111122223333/{region}",
        ["AccountId"] = "111122223333",
        ["Region"] = region,
        ["State"] = state,
        ["LagSeconds"] = 130.0,
        ["LastError"] = lastError,
    };

    public static Dictionary<string, object?> CloudTrailRow(string sessionName, DateTimeOffset eventTime) => new()
    {
        ["TimeGenerated"] = eventTime,
        ["EventName"] = "AssumeRole",
        ["EventSource"] = "sts.amazonaws.com",
        ["AWSRegion"] = Region,
        ["ErrorCode"] = "AccessDenied",
        ["RequestParameters"] = $$"""{"roleArn":"{{ReaderRoleArn}}","roleSessionName":"{{sessionName}}","durationSeconds":900,"externalId":"HIDDEN_DUE_TO_SECURITY_REASONS"}""",
    };

    public async ValueTask DisposeAsync()
    {
        await Logs.DisposeAsync();
        await Sts.DisposeAsync();
    }
}
