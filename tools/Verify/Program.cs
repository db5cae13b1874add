using Amazon;
using Amazon.SecurityToken;
using Azure.Identity;
using SentinelAwsIac.Verify;
using SentinelAwsIac.Verify.LogsQuery;

// After `pulumi up`: proves the pipe end to end (docs/ci.md "Verification after deploy"). Exit 0: the probe's row
// arrived (the delay is printed); 1: it did not, and why; 64: usage. Nothing secret is printed.
var options = VerifyOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(VerifyOptions.Usage);
    return 64;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var stsConfig = new AmazonSecurityTokenServiceConfig();
if (options.StsEndpoint is not null)
{
    stsConfig.ServiceURL = options.StsEndpoint.ToString();
    stsConfig.AuthenticationRegion = options.Region;
}
else
{
    // The regional endpoint, so the event lands in that region's Event history (the SDK's default credential chain signs it).
    stsConfig.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
}

using var sts = new AmazonSecurityTokenServiceClient(stsConfig);
// The operator's Entra ID login: Azure CLI (az login, or azure/login in CI) first, then the rest of the default chain.
var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { AuthorityHost = new Uri(options.AzureCloud.AuthorityHost) });
var logs = new LogsQueryClient(credential, new LogsQueryClientOptions { Endpoint = options.QueryEndpoint ?? LogsQueryEndpoints.For(options.AzureCloud), Audience = LogsQueryEndpoints.For(options.AzureCloud) });
var verifier = new PipeVerifier(new CloudTrailProbe(sts, TimeProvider.System), logs, TimeProvider.System, Console.Out);
var target = new VerifyTarget(options.WorkspaceId, options.Table, options.HealthTable, options.Timeout, options.PollInterval);
var outcome = await verifier.RunAsync(target, options.ReaderRoleArn, Environment.GetEnvironmentVariable(options.ExternalIdVariable), CloudTrailProbe.NewNonce(), cancellation.Token);
(outcome.Passed ? Console.Out : Console.Error).WriteLine(outcome.Passed ? $"verified: {outcome.Message}" : $"verification failed: {outcome.Message}");
return outcome.Passed ? 0 : 1;
