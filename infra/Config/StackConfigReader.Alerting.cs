using static SentinelAwsIac.Infra.Config.ConfigKeys;

namespace SentinelAwsIac.Infra.Config;

/// <summary>The operator's email address and the alert thresholds.</summary>
public static partial class StackConfigReader
{
    private static readonly ConfigKey[] AlertKeys = [AlertEmail, AlertSilenceMinutes, AlertLagMinutes, AlertFailingMinutes];

    private static string? Alerting(IReadOnlyDictionary<string, string?> config)
    {
        var email = Text(config, AlertEmail);
        var hasEmail = email is not null;
        var threshold = AlertKeys.Skip(1).FirstOrDefault(k => config.ContainsKey(Q(k)));
        if (!hasEmail && threshold is not null)
        {
            throw new ConfigException(Q(threshold), $"sets an alert threshold, but {Q(AlertEmail)} is not set, so the stack creates no alert rule.", $"pulumi config set {Q(AlertEmail)} <operator's email address> (or pulumi config rm {Q(threshold)}).");
        }

        return email;
    }

    /// <summary>The alert rules watch the worker's health table, which sentinel mode does not have.</summary>
    private static void SentinelModeAlerts(IReadOnlyDictionary<string, string?> config)
    {
        foreach (var key in AlertKeys.Where(k => config.ContainsKey(Q(k))))
        {
            throw new ConfigException(Q(key), "applies to worker mode only: the alert rules watch the worker's health table, and sentinel mode has no worker.", $"pulumi config rm {Q(key)} (or pulumi config set {Q(Mode)} worker).");
        }
    }
}
