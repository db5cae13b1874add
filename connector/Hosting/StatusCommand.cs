using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// <c>connector status</c>: each partition's checkpoint as a table a person reads at a glance. Needs only the Checkpoints
/// settings; with valid Source settings it also lists the configured partitions that have no checkpoint yet.
/// States (from the store alone): <c>live</c> (watermark within Source:SettleDelay + Overlap + 2 × PollInterval of now),
/// <c>catching up</c> (older watermark, or a backfill chunk under way), <c>stale</c> (not written for Health:StallAfter:
/// the worker is stopped, parked or stuck), <c>no checkpoint</c>.
/// </summary>
public static class StatusCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter stdout, TextWriter stderr, TimeProvider time, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddCheckpointStore(configuration);
        services.AddOptions<SourceOptions>().Bind(configuration.GetSection(WorkerSettings.SourceSection));
        services.TryAddEnumerableValidator();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(WorkerSettings.HealthSection));
        await using var provider = services.BuildServiceProvider();

        var errors = new List<string>();
        var checkpointOptions = StartupValidation.Check<CheckpointOptions>(provider, errors);
        if (checkpointOptions is null)
        {
            await stderr.WriteLineAsync("Invalid configuration:").ConfigureAwait(false);
            foreach (var e in errors) await stderr.WriteLineAsync("  " + e).ConfigureAwait(false);
            return ConnectorCommands.ExitInvalidConfiguration;
        }
        var ignored = new List<string>();
        var source = StartupValidation.Check<SourceOptions>(provider, ignored);
        var health = StartupValidation.Check<HealthOptions>(provider, ignored) ?? new HealthOptions();
        var settings = source ?? new SourceOptions();

        IReadOnlyList<StoredCheckpoint> stored;
        try
        {
            stored = await provider.GetRequiredService<ICheckpointStore>().ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await stderr.WriteLineAsync($"Could not read the checkpoint store ({Describe(checkpointOptions)}): {ex.Message}").ConfigureAwait(false);
            return ConnectorCommands.ExitFailure;
        }

        var now = time.GetUtcNow();
        var rows = new List<string[]>();
        var byPartition = stored.ToDictionary(s => s.Partition);
        var partitions = stored.Select(s => s.Partition)
            .Concat(source is not null ? CloudTrailPipelineService.PartitionsOf(source) : [])
            .Distinct().OrderBy(p => p.ToString(), StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            if (!byPartition.TryGetValue(partition, out var s))
            {
                rows.Add([partition.ToString(), "no checkpoint", "-", "-", "-", "-", "-", "-", "-"]);
                continue;
            }
            var c = s.Checkpoint;
            var lag = now - c.Watermark;
            var state = now - c.UpdatedAt > health.StallAfter ? "stale"
                : c.ChunkEnd is not null || lag > settings.SettleDelay + settings.Overlap + 2 * settings.PollInterval ? "catching up"
                : "live";
            // Entries whose ID starts with '~' are markers of older checkpoint versions, not events.
            var seen = c.RecentEventIds.Count(e => !e.EventId.StartsWith('~'));
            rows.Add([partition.ToString(), state, Time(c.Watermark), c.NewestEventTime is { } n ? Time(n) : "-", Span(lag),
                c.EventsDelivered.ToString("N0", CultureInfo.InvariantCulture), seen.ToString(CultureInfo.InvariantCulture), c.Writer ?? "-",
                $"{Time(c.UpdatedAt)} ({Span(now - c.UpdatedAt)} ago)"]);
        }

        await stdout.WriteLineAsync($"Checkpoints in {Describe(checkpointOptions)} at {Time(now)}").ConfigureAwait(false);
        if (rows.Count == 0)
        {
            await stdout.WriteLineAsync("No partitions: the store holds no checkpoint and Source:ReaderRoleArn/Source:Regions are not set.").ConfigureAwait(false);
            return ConnectorCommands.ExitOk;
        }
        await stdout.WriteAsync(Table(["PARTITION", "STATE", "WATERMARK", "NEWEST EVENT", "LAG", "EVENTS", "SEEN IDS", "WRITER", "UPDATED"], rows)).ConfigureAwait(false);
        return ConnectorCommands.ExitOk;
    }

    private static void TryAddEnumerableValidator(this IServiceCollection services) =>
        services.AddSingleton<IValidateOptions<SourceOptions>, SourceOptionsValidator>()
            .AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();

    private static string Describe(CheckpointOptions o) => o.EffectiveStore == CheckpointStoreKind.File
        ? $"folder {Path.GetFullPath(o.Directory!)}"
        : !string.IsNullOrWhiteSpace(o.ContainerUri) ? $"container {o.ContainerUri}" : $"container '{o.ContainerName}' (connection string)";

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A span as a person reads it: 3d 4h, 12m 05s, 45s.</summary>
    internal static string Span(TimeSpan span)
    {
        var negative = span < TimeSpan.Zero;
        if (negative) span = span.Negate();
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s"
            : $"{(int)span.TotalSeconds}s";
        return negative ? "-" + text : text;
    }

    private static string Table(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells) => sb.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in rows) Line(row);
        return sb.ToString();
    }
}
