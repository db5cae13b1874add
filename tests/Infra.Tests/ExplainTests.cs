using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class ExplainTests
{
    private static string Explain(params (string, string)[] config)
    {
        var (settings, program) = Compiler.Build(Emit.Config(config), Repo.Root, publisher: null, CancellationToken.None);
        return Explainer.Explain("test", settings, program);
    }

    [Fact]
    public void Worker_explanation_reads_trust_and_permissions_back_from_the_program()
    {
        var text = Explain();
        Assert.Contains("readerRole: AWS ${brokerRole.arn}\n    may sts:AssumeRole\n    only if sts:ExternalId StringEquals ${readerExternalIdValue}", text, StringComparison.Ordinal);
        Assert.Contains(":sub StringEquals ${workerIdentity.principalId}", text, StringComparison.Ordinal);
        Assert.Contains("AWS readerRole: Allow cloudtrail:LookupEvents on *", text, StringComparison.Ordinal);
        Assert.Contains("Azure workerIdentity: Monitoring Metrics Publisher on ${ingestionRule.id}", text, StringComparison.Ordinal);
        Assert.Contains("stream Custom-AWSCloudTrail_CL", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentinel_explanation_shows_Microsofts_account_and_the_managed_policy()
    {
        var text = Explain(("mode", "sentinel"), ("readerPolicy", "managed"));
        Assert.Contains($"readerRole: AWS arn:aws:iam::{WellKnownIds.SentinelAwsAccountId}:root", text, StringComparison.Ordinal);
        Assert.Contains("only if sts:ExternalId StringEquals ${logAnalyticsWorkspace.customerId}", text, StringComparison.Ordinal);
        Assert.Contains($"managed policy arn:${{awsPartition}}:iam::aws:policy/{WellKnownIds.CloudTrailReadOnlyPolicyName}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("workerApp —", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_key_explanation_names_the_Key_Vault_secret_role()
    {
        var text = Explain(Emit.AccessKeyBroker);
        Assert.Contains("Azure workerIdentity: Key Vault Secrets User on ${brokerKeySecret.id}", text, StringComparison.Ordinal);
        Assert.Contains("readerRole: AWS ${brokerPrincipalArn}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Emit.SecretKey, text, StringComparison.Ordinal);
    }
}
