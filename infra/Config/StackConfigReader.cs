using System.Globalization;
using System.Text.Json;
using SentinelAwsIac.Contracts;
using static SentinelAwsIac.Infra.Config.ConfigKeys;

namespace SentinelAwsIac.Infra.Config;

/// <summary>
/// Validates the stack's config (keys <c>namespace:key</c> → string, as in PULUMI_CONFIG) against the definitions
/// in <see cref="ConfigKeys"/> before anything is planned, and returns it typed, defaults applied. A value of
/// <c>null</c> means "set, but encrypted and unknown here" (a <c>secure:</c> value read offline): allowed only for
/// the secret keys, whose format is then not checked.
/// </summary>
public static partial class StackConfigReader
{
    public static StackSettings Read(IReadOnlyDictionary<string, string?> config)
    {
        RejectUnknownKeys(config);

        var mode = Choice(config, Mode);
        var readerPolicy = Choice(config, ReaderPolicy);
        var broker = Choice(config, Broker);
        var destination = Choice(config, Destination);
        var sentinel = Choice(config, Sentinel);
        var regions = Regions(config);
        var externalId = ExternalIdValue(config);
        var workspace = WorkspaceId(config);
        var tags = TagMap(config);
        var (azureCloud, awsPartition) = Clouds(config);
        var alertEmail = Alerting(config);

        var settings = new StackSettings
        {
            Mode = mode,
            AwsRegions = regions,
            ProviderRegion = Value(config, AwsRegion),
            ReaderPolicy = readerPolicy,
            ReaderRoleNamePrefix = Text(config, ReaderRoleNamePrefix)!,
            MaxSessionDurationSeconds = WholeNumber(config, MaxSessionDurationSeconds)!.Value,
            HasExternalId = externalId,
            Broker = broker,
            BrokerPrincipalArn = Value(config, BrokerPrincipalArn),
            BrokerAccessKeyId = Value(config, BrokerAccessKeyId),
            WorkspaceResourceId = workspace,
            WorkspaceRetentionDays = WholeNumber(config, WorkspaceRetentionDays)!.Value,
            DataOnDestroy = Choice(config, ConfigKeys.DataOnDestroy),
            OnboardSentinel = sentinel,
            VaultPurgeProtection = Choice(config, VaultPurgeProtection),
            PrivateNetwork = Choice(config, PrivateNetwork),
            TableName = Table(config),
            TablePlan = Choice(config, TablePlan),
            TableRetentionDays = WholeNumber(config, TableRetentionDays),
            Destination = destination,
            BackfillDays = WholeNumber(config, BackfillDays)!.Value,
            AppServiceSku = AppServicePlanSku(config),
            Tags = tags,
            AzureCloud = azureCloud,
            AwsPartition = awsPartition,
            AlertEmail = alertEmail,
            AlertSilenceMinutes = WholeNumber(config, AlertSilenceMinutes)!.Value,
            AlertLagMinutes = WholeNumber(config, AlertLagMinutes)!.Value,
            AlertFailingMinutes = WholeNumber(config, AlertFailingMinutes)!.Value,
            WorkerTelemetry = Choice(config, ConfigKeys.WorkerTelemetry),
        };

        CheckCombinations(config, settings);
        return settings;
    }

    private static void CheckCombinations(IReadOnlyDictionary<string, string?> config, StackSettings settings)
    {
        if (settings.UsesExistingWorkspace && settings.DataOnDestroy == Config.DataOnDestroy.Delete)
        {
            throw new ConfigException(Q(ConfigKeys.DataOnDestroy), "is delete, but with workspaceResourceId what the stack adds to that workspace (the worker's tables, Microsoft Sentinel on it) and the checkpoints that go with its rows are always kept: Azure offers no recovery operation for a deleted table.", $"pulumi config rm {Q(ConfigKeys.DataOnDestroy)} (delete those tables by hand if you mean to; `explain` prints the commands).");
        }

        ConfigKey[] accessKeyKeys = [BrokerPrincipalArn, BrokerAccessKeyId, BrokerSecretAccessKey];
        if (settings.Mode == StackMode.Sentinel)
        {
            if (!settings.OnboardSentinel)
            {
                throw new ConfigException(Q(Sentinel), "is false, but sentinel mode needs Microsoft Sentinel on the workspace for its AWS connector.", $"pulumi config set {Q(Sentinel)} true (or use mode worker).");
            }

            // Microsoft's connector reads with its own identity, into its own table, with the workspace ID as external ID.
            ConfigKey[] workerOnly = [AwsRegions, ExternalId, Broker, .. accessKeyKeys, VaultPurgeProtection, PrivateNetwork, TableName, TablePlan, TableRetentionDays, Destination, BackfillDays, AppServiceSku, ConfigKeys.WorkerTelemetry];
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
                var secret = key.Secret ? "--secret " : "";
                throw new ConfigException(Q(key), "is required with the accessKey broker.", $"pulumi config set {secret}{Q(key)} <value> (or pulumi config set {Q(Broker)} webIdentity for the secretless broker).");
            }

            Text(config, BrokerPrincipalArn);
            Text(config, BrokerAccessKeyId);
            if (config.TryGetValue(Q(BrokerSecretAccessKey), out var secretKey) && secretKey is { Length: 0 })
            {
                throw new ConfigException(Q(BrokerSecretAccessKey), "is empty.", $"pulumi config set --secret {Q(BrokerSecretAccessKey)} <secret access key>.");
            }
        }
        else
        {
            foreach (var key in accessKeyKeys.Append(VaultPurgeProtection).Where(k => config.ContainsKey(Q(k))))
            {
                throw new ConfigException(Q(key), "applies to the accessKey broker only; the webIdentity broker needs no key (and no Key Vault).", $"pulumi config rm {Q(key)} (or pulumi config set {Q(Broker)} accessKey).");
            }
        }

        // Entra ID-authenticated ingestion into Application Insights, the only kind a component with local
        // authentication off accepts, is documented for the public cloud (docs/facts.md "Worker metrics and traces").
        if (settings.WorkerTelemetry && settings.AzureCloud != Contracts.AzureCloud.Public)
        {
            throw new ConfigException(Q(ConfigKeys.WorkerTelemetry), $"is true, but azureCloud is '{settings.AzureCloud.Name}': the worker publishes to Application Insights with its Entra ID identity only (local authentication off), which Microsoft documents for the public cloud.", $"pulumi config rm {Q(ConfigKeys.WorkerTelemetry)} (health rows and the worker's logs in the workspace still show its state).");
        }

        if (settings.Destination == DestinationKind.BuiltInTable)
        {
            foreach (var key in new ConfigKey[] { TableName, TablePlan, TableRetentionDays }.Where(k => config.ContainsKey(Q(k))))
            {
                throw new ConfigException(Q(key), "configures the custom table, but destination builtInTable writes to Sentinel's AWSCloudTrail table.", $"pulumi config rm {Q(key)} (or pulumi config set {Q(Destination)} customTable).");
            }
        }
    }

    private static void RejectUnknownKeys(IReadOnlyDictionary<string, string?> config)
    {
        var known = All.ToDictionary(k => k.Qualified, StringComparer.Ordinal);
        foreach (var key in config.Keys.Where(k => k.StartsWith(Namespace + ":", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (!known.TryGetValue(key, out var definition))
            {
                var names = string.Join(", ", All.Where(k => !k.Key.Contains(':', StringComparison.Ordinal)).Select(k => k.Key));
                throw new ConfigException(key, $"is not a key of this stack (known keys: {names}).", $"pulumi config rm {key}, and set the key you meant; see docs/stack/config.md.");
            }

            // The program writes a non-secret value as a literal, so the compiler must know it (a secure: value read
            // offline is unknown), and a value set with --secret would be printed in the program.
            if (!definition.Secret && config[key] is null)
            {
                throw new ConfigException(key, "is set as a secret, but it is not one: the program writes its value as a literal, which would show a secret in the program text.", $"pulumi config set {key} <value> (without --secret).");
            }
        }
    }

    private static T Choice<T>(IReadOnlyDictionary<string, string?> config, ChoiceKey<T> key)
    {
        var value = Value(config, key) ?? key.Default;
        foreach (var (text, result) in key.Choices)
        {
            if (string.Equals(text, value, StringComparison.Ordinal))
            {
                return result;
            }
        }

        var allowed = string.Join(" or ", key.Choices.Select(c => c.Text));
        throw new ConfigException(Q(key), $"is '{value}'; expected {allowed}.", $"pulumi config set {Q(key)} {key.Default}.");
    }

    /// <summary>The value, or the default; null when neither is there.</summary>
    private static int? WholeNumber(IReadOnlyDictionary<string, string?> config, WholeNumberKey key)
    {
        var value = Value(config, key);
        if (value is null)
        {
            return key.Default;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < key.Min || number > key.Max)
        {
            throw new ConfigException(Q(key), $"is '{value}'; expected a whole number from {key.Min} to {key.Max}.", $"pulumi config set {Q(key)} {Math.Clamp(number, key.Min, key.Max)}.");
        }

        return number;
    }

    /// <summary>The value (checked against the key's pattern), or the default.</summary>
    private static string? Text(IReadOnlyDictionary<string, string?> config, TextKey key)
    {
        var value = Value(config, key);
        if (value is not null && key.Pattern is { } pattern && !pattern.IsMatch(value))
        {
            var shown = key.Secret ? $"is invalid (value not shown; it is {value.Length} characters long)" : $"is '{value}'";
            throw new ConfigException(Q(key), $"{shown}; expected {key.Expected}.", $"pulumi config set {(key.Secret ? "--secret " : "")}{Q(key)} {key.Example ?? key.Default ?? "<value>"}.");
        }

        return value ?? key.Default;
    }

    private static string AppServicePlanSku(IReadOnlyDictionary<string, string?> config)
    {
        var value = Value(config, AppServiceSku) ?? AppServiceSku.Default!;
        // The Free (F1) and Shared (D1) tiers have no Always On (App Service docs); the pattern admits Basic and above.
        if (!AppServiceSku.Pattern!.IsMatch(value) || value is "F1" or "D1")
        {
            throw new ConfigException(Q(AppServiceSku), $"is '{value}'; expected {AppServiceSku.Expected} (Always On needs Basic or above).", $"pulumi config set {Q(AppServiceSku)} {AppServiceSku.Default}.");
        }

        return value;
    }

    private static string? Regions(IReadOnlyDictionary<string, string?> config)
    {
        var value = Value(config, AwsRegions);
        if (value is null)
        {
            return null;
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

        return value;
    }

    private static bool ExternalIdValue(IReadOnlyDictionary<string, string?> config)
    {
        if (!config.ContainsKey(Q(ExternalId)))
        {
            return false;
        }

        Text(config, ExternalId);
        return true;
    }

    private static string? WorkspaceId(IReadOnlyDictionary<string, string?> config)
    {
        var value = Text(config, WorkspaceResourceId);
        if (value is not null && config.ContainsKey(Q(WorkspaceRetentionDays)))
        {
            throw new ConfigException(Q(WorkspaceRetentionDays), "applies to a workspace the stack creates; an existing workspace keeps its own retention.", $"pulumi config rm {Q(WorkspaceRetentionDays)}.");
        }

        return value;
    }

    private static string Table(IReadOnlyDictionary<string, string?> config)
    {
        var value = Text(config, TableName)!;
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

    private static string? Value(IReadOnlyDictionary<string, string?> config, ConfigKey key) =>
        config.TryGetValue(Q(key), out var value) ? value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$")]
    private static partial System.Text.RegularExpressions.Regex RegionPattern();
}
