using SentinelAwsIac.Contracts;
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
        Assert.Contains("readerRole: AWS ${brokerRole.arn}\n    may sts:AssumeRole\n    only if sts:ExternalId StringEquals ${readerExternalId.result}", text, StringComparison.Ordinal);
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
        Assert.Contains($"managed policy arn:aws:iam::aws:policy/{WellKnownIds.CloudTrailReadOnlyPolicyName}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("workerApp —", text, StringComparison.Ordinal);
        // Monitoring in sentinel mode: the workbook and saved query over the built-in table, no health, no alerts.
        var monitoring = text[text.IndexOf("\nMONITORING\n", StringComparison.Ordinal)..];
        Assert.Contains("saved query (eventsPerDaySearch)", monitoring, StringComparison.Ordinal);
        Assert.Contains("Workbook cloudTrailWorkbook", monitoring, StringComparison.Ordinal);
        Assert.DoesNotContain("Health:", monitoring, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_key_explanation_names_the_Key_Vault_secret_role()
    {
        var text = Explain(Emit.AccessKeyBroker);
        Assert.Contains("Azure workerIdentity: Key Vault Secrets User on ${brokerKeySecret.id}", text, StringComparison.Ordinal);
        Assert.Contains($"readerRole: AWS {Emit.PrincipalArn}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Emit.SecretKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_explanation_shows_health_alerts_workbook_function_and_clouds()
    {
        var without = Explain();
        Assert.Contains("\nMONITORING\n", without, StringComparison.Ordinal);
        Assert.Contains($"stream Custom-{HealthTable.DefaultName} of ingestionRule → table {HealthTable.DefaultName}", without, StringComparison.Ordinal);
        Assert.Contains("Alerts: none (set alertEmail", without, StringComparison.Ordinal);
        Assert.Contains("function AWSCloudTrailAll (cloudTrailAllFunction)", without, StringComparison.Ordinal);
        Assert.Contains("Events per day, last 30 days (0 on days without events)", without, StringComparison.Ordinal);

        var with = Explain(("alertEmail", "secops@example.com"), ("azureCloud", "china"), ("azure-native:environment", "china"), ("awsPartition", "aws-cn"), ("aws:region", "cn-north-1"));
        Assert.Contains("Alerts email secops@example.com, evaluated every 5 minutes:", with, StringComparison.Ordinal);
        Assert.Contains("healthSilentAlert (severity 1): The worker wrote no health row for 15 minutes", with, StringComparison.Ordinal);
        Assert.Contains("fires when the query's row count is LessThan 1\n", with, StringComparison.Ordinal);
        Assert.Contains("lagAlert (severity 2)", with, StringComparison.Ordinal);
        Assert.Contains("fires when the query's row count is GreaterThan 0, one alert per partition", with, StringComparison.Ordinal);
        Assert.Contains("Logs Ingestion audience https://monitor.azure.cn; Entra ID token issuer https://sts.chinacloudapi.cn/<tenant>/", with, StringComparison.Ordinal);
        Assert.Contains("partition aws-cn: ARNs arn:aws-cn:…, endpoints such as cloudtrail.<region>.amazonaws.com.cn", with, StringComparison.Ordinal);
        Assert.DoesNotContain("Alerts: none", with, StringComparison.Ordinal);
        Assert.Contains("thresholds in minutes, from config: alertSilenceMinutes 15 (default 15), alertLagMinutes 60 (default 60), alertFailingMinutes 15 (default 15)", with, StringComparison.Ordinal);
    }
}
