using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SentinelAwsIac.Contracts;
using static SentinelAwsIac.Infra.Config.ConfigKeys;

namespace SentinelAwsIac.Infra.Config;

/// <summary>
/// Validates the stack's config (keys <c>namespace:key</c> → string, as in PULUMI_CONFIG) before anything is
/// planned, and extracts the structural choices. A value of <c>null</c> means "set, but encrypted and unknown
/// here" (a <c>secure:</c> value read offline); its format is then not checked.
/// </summary>
public static partial class StackConfigReader
{
    public static StackSettings Read(IReadOnlyDictionary<string, string?> config)
    {
        RejectUnknownKeys(config);

        var mode = Choice(config, Mode, "worker", ("worker", StackMode.Worker), ("sentinel", StackMode.Sentinel));
        var readerPolicy = Choice(config, ReaderPolicy, "leastPrivilege", ("leastPrivilege", ReaderPolicyKind.LeastPrivilege), ("managed", ReaderPolicyKind.Managed));
        var broker = Choice(config, Broker, "webIdentity", ("webIdentity", BrokerKind.WebIdentity), ("accessKey", BrokerKind.AccessKey));
        var destination = Choice(config, Destination, "customTable", ("customTable", DestinationKind.CustomTable), ("builtInTable", DestinationKind.BuiltInTable));
        var sentinel = Choice(config, Sentinel, "true", ("true", true), ("false", false));

        // IAM: role name 1–64 characters; name_prefix leaves 26 for the unique suffix (FACTS.md "IAM and STS").
        Matches(config, ReaderRoleNamePrefix, RoleNamePrefixPattern(), "at most 38 characters of letters, digits and + = , . @ _ -", "sentinel-cloudtrail-reader-");
        // MaxSessionDuration 3600–43200 s (FACTS.md "IAM and STS").
        Integer(config, MaxSessionDurationSeconds, 3600, 43200);
        // Log Analytics workspace retention for the PerGB2018 SKU: 30–730 days.
        Integer(config, WorkspaceRetentionDays, 30, 730);
        // Table retentionInDays 4–730 (FACTS.md "DCR, tables, Sentinel").
        Integer(config, TableRetentionDays, 4, 730);
        // LookupEvents keeps 90 days of history (contracts CloudTrailLimits.HistoryDays).
        Integer(config, BackfillDays, 0, CloudTrailLimits.HistoryDays);
        Choice(config, TablePlan, "Analytics", ("Analytics", 0), ("Basic", 1), ("Auxiliary", 2));
        AppServicePlanSku(config);
        var regions = Regions(config);
        var externalId = ExternalIdValue(config);
        var workspace = WorkspaceId(config);
        var tableName = Table(config);
        var tags = TagMap(config);
        var (azureCloud, awsPartition) = Clouds(config);
        var alertEmail = Alerting(config);

        var settings = new StackSettings
        {
            Mode = mode,
            HasAwsRegions = regions,
            ReaderPolicy = readerPolicy,
            HasExternalId = externalId,
            Broker = broker,
            UsesExistingWorkspace = workspace,
            OnboardSentinel = sentinel,
            TableName = tableName,
            HasTableRetention = config.ContainsKey(Q(TableRetentionDays)),
            Destination = destination,
            Tags = tags,
            AzureCloud = azureCloud,
            AwsPartition = awsPartition,
            HasAlertEmail = alertEmail,
        };

        CheckCombinations(config, settings);
        return settings;
    }

    private static void CheckCombinations(IReadOnlyDictionary<string, string?> config, StackSettings settings)
    {
        string[] accessKeyKeys = [BrokerPrincipalArn, BrokerAccessKeyId, BrokerSecretAccessKey];
        if (settings.Mode == StackMode.Sentinel)
        {
            if (!settings.OnboardSentinel)
            {
                throw new ConfigException(Q(Sentinel), "is false, but sentinel mode needs Microsoft Sentinel on the workspace for its AWS connector.", $"pulumi config set {Q(Sentinel)} true (or use mode worker).");
            }

            // Microsoft's connector reads with its own identity, into its own table, with the workspace ID as external ID.
            string[] workerOnly = [AwsRegions, ExternalId, Broker, .. accessKeyKeys, TableName, TablePlan, TableRetentionDays, Destination, BackfillDays, AppServiceSku];
            foreach (var key in workerOnly.Where(k => config.ContainsKey(Q(k))))
            {
                throw new ConfigException(Q(key), "applies to worker mode only; in sentinel mode Microsoft's connector decides it (the external ID is the workspace ID).", $"pulumi config rm {Q(key)} (or pulumi config set {Q(Mode)} worker).");
            }

            SentinelModeAlerts(config);
            SentinelModeClouds(settings);
            return;
        }

        if (settings.Broker == BrokerKind.AccessKey)
        {
            foreach (var key in accessKeyKeys.Where(k => !config.ContainsKey(Q(k))))
            {
                var secret = Get(key).Secret ? "--secret " : "";
                throw new ConfigException(Q(key), "is required with the accessKey broker.", $"pulumi config set {secret}{Q(key)} <value> (or pulumi config set {Q(Broker)} webIdentity for the secretless broker).");
            }

            Matches(config, BrokerPrincipalArn, PrincipalArnPattern(), "the ARN of an IAM user, role or account root, e.g. arn:aws:iam::123456789012:user/sentinel-broker (never a wildcard)", null);
            // IAM AccessKeyId: 16–128 word characters (IAM API reference, AccessKey data type).
            Matches(config, BrokerAccessKeyId, AccessKeyIdPattern(), "16–128 letters or digits, e.g. AKIA…", null);
            if (config.TryGetValue(Q(BrokerSecretAccessKey), out var secretKey) && secretKey is { Length: 0 })
            {
                throw new ConfigException(Q(BrokerSecretAccessKey), "is empty.", $"pulumi config set --secret {Q(BrokerSecretAccessKey)} <secret access key>.");
            }
        }
        else
        {
            foreach (var key in accessKeyKeys.Where(k => config.ContainsKey(Q(k))))
            {
                throw new ConfigException(Q(key), "applies to the accessKey broker only; the webIdentity broker needs no key.", $"pulumi config rm {Q(key)} (or pulumi config set {Q(Broker)} accessKey).");
            }
        }

        if (settings.Destination == DestinationKind.BuiltInTable)
        {
            foreach (var key in new[] { TableName, TablePlan, TableRetentionDays }.Where(k => config.ContainsKey(Q(k))))
            {
                throw new ConfigException(Q(key), "configures the custom table, but destination builtInTable writes to Sentinel's AWSCloudTrail table.", $"pulumi config rm {Q(key)} (or pulumi config set {Q(Destination)} customTable).");
            }
        }
    }

    private static void RejectUnknownKeys(IReadOnlyDictionary<string, string?> config)
    {
        var known = All.Select(k => k.Qualified).ToHashSet(StringComparer.Ordinal);
        foreach (var key in config.Keys.Where(k => k.StartsWith(Namespace + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (!known.Contains(key))
            {
                var names = string.Join(", ", All.Where(k => !k.Key.Contains(':', StringComparison.Ordinal)).Select(k => k.Key));
                throw new ConfigException(key, $"is not a key of this stack (known keys: {names}).", $"pulumi config rm {key}, and set the key you meant; see docs/stack/config.md.");
            }
        }
    }

    private static T Choice<T>(IReadOnlyDictionary<string, string?> config, string key, string fallback, params (string Value, T Result)[] choices)
    {
        var value = Value(config, key) ?? fallback;
        foreach (var (text, result) in choices)
        {
            if (string.Equals(text, value, StringComparison.Ordinal))
            {
                return result;
            }
        }

        var allowed = string.Join(" or ", choices.Select(c => c.Value));
        throw new ConfigException(Q(key), $"is '{value}'; expected {allowed}.", $"pulumi config set {Q(key)} {choices[0].Value}.");
    }

    private static void Integer(IReadOnlyDictionary<string, string?> config, string key, int min, int max)
    {
        var value = Value(config, key);
        if (value is null)
        {
            return;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new ConfigException(Q(key), $"is '{value}'; expected a whole number from {min} to {max}.", $"pulumi config set {Q(key)} {Math.Clamp(number, min, max)}.");
        }
    }

    private static void Matches(IReadOnlyDictionary<string, string?> config, string key, Regex pattern, string expected, string? example)
    {
        var value = Value(config, key);
        if (value is not null && !pattern.IsMatch(value))
        {
            var shown = Get(key).Secret ? "is invalid (value not shown)" : $"is '{value}'";
            throw new ConfigException(Q(key), $"{shown}; expected {expected}.", $"pulumi config set {Q(key)} {example ?? "<value>"}.");
        }
    }

    private static void AppServicePlanSku(IReadOnlyDictionary<string, string?> config)
    {
        var value = Value(config, AppServiceSku);
        if (value is null)
        {
            return;
        }

        // Always On, which a long-running worker needs, is not available on the Free and Shared tiers (App Service docs).
        if (!SkuPattern().IsMatch(value) || value is "F1" or "D1")
        {
            throw new ConfigException(Q(AppServiceSku), $"is '{value}'; expected a Basic or higher App Service SKU such as B1, S1 or P0v3 (Always On needs Basic or above).", $"pulumi config set {Q(AppServiceSku)} B1.");
        }
    }

    private static bool Regions(IReadOnlyDictionary<string, string?> config)
    {
        var value = Value(config, AwsRegions);
        if (value is null)
        {
            return false;
        }

        var regions = value.Split(',', StringSplitOptions.TrimEntries);
        var bad = regions.FirstOrDefault(r => !RegionPattern().IsMatch(r));
        if (bad is not null)
        {
            throw new ConfigException(Q(AwsRegions), $"contains '{bad}', which is not an AWS region name.", $"pulumi config set {Q(AwsRegions)} us-east-1,eu-west-1 (comma-separated, no spaces needed).");
        }

        var duplicate = regions.GroupBy(r => r, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ConfigException(Q(AwsRegions), $"names '{duplicate.Key}' twice; each region is one partition.", $"pulumi config set {Q(AwsRegions)} with each region once.");
        }

        if (!string.Equals(value, string.Join(',', regions), StringComparison.Ordinal))
        {
            throw new ConfigException(Q(AwsRegions), $"is '{value}'; write regions separated by commas without spaces.", $"pulumi config set {Q(AwsRegions)} {string.Join(',', regions)}.");
        }

        return true;
    }

    private static bool ExternalIdValue(IReadOnlyDictionary<string, string?> config)
    {
        if (!config.TryGetValue(Q(ExternalId), out var value))
        {
            return false;
        }

        // ExternalId: 2–1224 characters of [\w+=,.@:/-] (STS AssumeRole API reference; FACTS.md "IAM and STS").
        if (value is not null && !ExternalIdPattern().IsMatch(value))
        {
            throw new ConfigException(Q(ExternalId), $"is invalid (value not shown; it is {value.Length} characters long): an external ID is 2–1224 characters of letters, digits and + = , . @ : / _ -.", $"pulumi config set --secret {Q(ExternalId)} <valid id>, or pulumi config rm {Q(ExternalId)} to generate a random UUID.");
        }

        return true;
    }

    private static bool WorkspaceId(IReadOnlyDictionary<string, string?> config)
    {
        var value = Value(config, WorkspaceResourceId);
        if (value is null)
        {
            return config.ContainsKey(Q(WorkspaceResourceId));
        }

        if (!WorkspaceIdPattern().IsMatch(value))
        {
            throw new ConfigException(Q(WorkspaceResourceId), $"is '{value}'; expected /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>.", $"pulumi config set {Q(WorkspaceResourceId)} <the workspace's resource ID> (Azure portal: workspace → Properties → Resource ID), or pulumi config rm it to create a workspace.");
        }

        if (config.ContainsKey(Q(WorkspaceRetentionDays)))
        {
            throw new ConfigException(Q(WorkspaceRetentionDays), "applies to a workspace the stack creates; an existing workspace keeps its own retention.", $"pulumi config rm {Q(WorkspaceRetentionDays)}.");
        }

        return true;
    }

    private static string Table(IReadOnlyDictionary<string, string?> config)
    {
        var value = Value(config, TableName) ?? CloudTrailTable.DefaultName;
        // Custom table names end _CL (FACTS.md "DCR, tables, Sentinel"); they start with a letter, 63 characters at most.
        if (!TableNamePattern().IsMatch(value))
        {
            throw new ConfigException(Q(TableName), $"is '{value}'; a custom table name starts with a letter, has only letters, digits and _, at most 63 characters, and ends with _CL.", $"pulumi config set {Q(TableName)} {CloudTrailTable.DefaultName}.");
        }

        // The health table's stream is declared in the same DCR; two stream declarations cannot share a name.
        if (value == HealthTable.DefaultName)
        {
            throw new ConfigException(Q(TableName), $"is '{value}', the name of the worker's health table.", $"pulumi config set {Q(TableName)} {CloudTrailTable.DefaultName}.");
        }

        return value;
    }

    private static SortedDictionary<string, string> TagMap(IReadOnlyDictionary<string, string?> config)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var value = Value(config, Tags);
        if (value is null)
        {
            return tags;
        }

        const string fix = "pulumi config set --path 'sentinel-aws-iac:tags.<key>' <value> for each tag";
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException(Q(Tags), "is not a map of tag names to values.", fix + ".");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                // Limits that hold on both clouds: AWS tag key ≤ 128, value ≤ 256; Azure tag names exclude < > % & \ ? /.
                if (property.Value.ValueKind != JsonValueKind.String || property.Name.Length is 0 or > 128 || property.Value.GetString()!.Length > 256 || property.Name.IndexOfAny(['<', '>', '%', '&', '\\', '?', '/']) >= 0)
                {
                    throw new ConfigException(Q(Tags), $"has tag '{property.Name}', which is not a string of at most 256 characters under a name of 1–128 characters without < > % & \\ ? /.", fix + ".");
                }

                tags[property.Name] = property.Value.GetString()!;
            }
        }
        catch (JsonException)
        {
            throw new ConfigException(Q(Tags), "is not a map (set it with --path so it is one).", fix + ".");
        }

        return tags;
    }

    private static string? Value(IReadOnlyDictionary<string, string?> config, string key) =>
        config.TryGetValue(Q(key), out var value) ? value : null;

    [GeneratedRegex(@"^[\w+=,.@-]{1,38}$")]
    private static partial Regex RoleNamePrefixPattern();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:(root|user/[\w+=,.@/-]+|role/[\w+=,.@/-]+)$")]
    private static partial Regex PrincipalArnPattern();

    [GeneratedRegex(@"^\w{16,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\w._()]+/providers/Microsoft\.OperationalInsights/workspaces/[-\w]+$", RegexOptions.IgnoreCase)]
    private static partial Regex WorkspaceIdPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,56}_CL$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"^(B[1-3]|S[1-3]|P[0-9]+m?v[2-4]|I[0-9]+m?v2)$")]
    private static partial Regex SkuPattern();
}
