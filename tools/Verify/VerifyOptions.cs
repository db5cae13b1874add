using System.Globalization;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Verify;

/// <summary>The command line of <c>dotnet run --project tools/Verify --</c>. The external ID is a secret, so it is
/// read from an environment variable (named by <c>--external-id-env</c>), never from an argument that a process list or
/// a CI log would show.</summary>
public sealed record VerifyOptions(
    string WorkspaceId,
    string ReaderRoleArn,
    string Region,
    string Table,
    string HealthTable,
    TimeSpan Timeout,
    TimeSpan PollInterval,
    AzureCloud AzureCloud,
    string ExternalIdVariable,
    Uri? StsEndpoint,
    Uri? QueryEndpoint)
{
    public const string DefaultExternalIdVariable = "SENTINEL_AWS_IAC_EXTERNAL_ID";

    public const string Usage = """
        usage: dotnet run --project tools/Verify -- --workspace-id <guid> --reader-role-arn <arn> --region <aws region>
                 [--table AWSCloudTrail_CL] [--health-table AWSCloudTrailConnectorHealth_CL] [--timeout-minutes 20]
                 [--poll-seconds 30] [--azure-cloud public|usgovernment|china] [--external-id-env SENTINEL_AWS_IAC_EXTERNAL_ID]
                 [--sts-endpoint <url>] [--query-endpoint <url>]
          Values from the stack: pulumi stack output workspaceCustomerId / readerRoleArn / table / healthTable;
          the external ID goes in the environment: export SENTINEL_AWS_IAC_EXTERNAL_ID="$(pulumi stack output --show-secrets externalId)".
          AWS credentials: the SDK's default chain (environment, profile, SSO). Azure: your Entra ID login (az login).
        """;

    /// <summary>The options, or null with the reason.</summary>
    public static VerifyOptions? Parse(string[] args, out string error)
    {
        error = "";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"unexpected argument '{args[i]}'";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        string[] known = ["workspace-id", "reader-role-arn", "region", "table", "health-table", "timeout-minutes", "poll-seconds", "azure-cloud", "external-id-env", "sts-endpoint", "query-endpoint"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            error = $"unknown option --{unknown}";
            return null;
        }

        foreach (var required in new[] { "workspace-id", "reader-role-arn", "region" })
        {
            if (!values.ContainsKey(required))
            {
                error = $"--{required} is required";
                return null;
            }
        }

        if (!Guid.TryParse(values["workspace-id"], out _))
        {
            error = "--workspace-id is the workspace's customer ID, a GUID (pulumi stack output workspaceCustomerId), not its resource ID";
            return null;
        }

        if (!values["reader-role-arn"].StartsWith("arn:", StringComparison.Ordinal) || !values["reader-role-arn"].Contains(":role/", StringComparison.Ordinal))
        {
            error = "--reader-role-arn must be a role ARN (pulumi stack output readerRoleArn)";
            return null;
        }

        var cloud = AzureCloud.Find(values.GetValueOrDefault("azure-cloud", "public"));
        if (cloud is null)
        {
            error = $"--azure-cloud must be one of {string.Join(", ", AzureCloud.All.Select(c => c.Name))}";
            return null;
        }

        if (!PositiveNumber(values, "timeout-minutes", 20, out var timeout, ref error) || !PositiveNumber(values, "poll-seconds", 30, out var poll, ref error))
        {
            return null;
        }

        return new VerifyOptions(
            values["workspace-id"],
            values["reader-role-arn"],
            values["region"],
            values.GetValueOrDefault("table", "AWSCloudTrail_CL"),
            values.GetValueOrDefault("health-table", Contracts.HealthTable.DefaultName),
            TimeSpan.FromMinutes(timeout),
            TimeSpan.FromSeconds(poll),
            cloud,
            values.GetValueOrDefault("external-id-env", DefaultExternalIdVariable),
            values.TryGetValue("sts-endpoint", out var sts) ? new Uri(sts) : null,
            values.TryGetValue("query-endpoint", out var query) ? new Uri(query) : null);
    }

    private static bool PositiveNumber(Dictionary<string, string> values, string key, double fallback, out double value, ref string error)
    {
        value = fallback;
        if (!values.TryGetValue(key, out var text))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        error = $"--{key} must be a positive number";
        return false;
    }
}
