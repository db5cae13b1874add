using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>
/// Checks every section before anything starts: each options class through its validator (so no component constructor
/// meets a bad value first), settings the worker does not know (a typo would otherwise be ignored silently), values
/// that do not convert, and the AWS partition against the regions and role ARNs. Messages name the key and the fix;
/// they never echo a secret.
/// </summary>
public static class StartupValidation
{
    /// <summary>Sections of the worker and the options class each binds to (null: read key by key).</summary>
    private static readonly (string Section, Type? Options, string[] Extra)[] Sections =
    [
        (WorkerSettings.SourceSection, typeof(SourceOptions), [Key(WorkerSettings.AwsPartition)]),
        (WorkerSettings.MapSection, null, []),
        (WorkerSettings.SinkSection, typeof(SinkOptions), []),
        (WorkerSettings.CheckpointsSection, typeof(CheckpointOptions), []),
        (WorkerSettings.HealthSection, typeof(HealthOptions), []),
        (WorkerSettings.DeadLettersSection, typeof(DeadLetterOptions), []),
        (WorkerSettings.TelemetrySection, typeof(Telemetry.TelemetryOptions), []),
        (IdentitySection, null, [Key(WorkerSettings.ManagedIdentityClientId)]),
    ];

    public const string IdentitySection = "Identity";

    /// <summary>All problems of the configuration; empty when the worker may start.</summary>
    public static IReadOnlyList<string> Validate(IServiceProvider services, IConfiguration configuration)
    {
        var errors = new List<string>();
        errors.AddRange(UnknownKeys(configuration));
        var source = Check<SourceOptions>(services, errors);
        var sink = Check<SinkOptions>(services, errors);
        var checkpoints = Check<CheckpointOptions>(services, errors);
        if (sink is not null && checkpoints is not null) errors.AddRange(CheckAzureCloud(checkpoints, sink));
        Check<HealthOptions>(services, errors);
        Check<DeadLetterOptions>(services, errors);
        Check<Telemetry.TelemetryOptions>(services, errors);
        // The partition check also runs when another Source setting is wrong, so one start names every problem.
        source ??= TryBind<SourceOptions>(configuration.GetSection(WorkerSettings.SourceSection));
        if (source is not null) errors.AddRange(CheckAwsPartition(configuration[WorkerSettings.AwsPartition], source));
        return errors;
    }

    /// <summary>Validates one options class (binding and its IValidateOptions); returns it when valid.</summary>
    public static T? Check<T>(IServiceProvider services, List<string> errors) where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            errors.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            // The binder's message names the key and the expected type (and the value; no secret setting is typed).
            errors.Add($"{ex.Message} Fix the value's format (time spans as hh:mm:ss, numbers without units, booleans true/false).");
        }
        return null;
    }

    /// <summary>Source:AwsPartition (aws, aws-us-gov or aws-cn; default aws) must match the role ARNs and the regions.</summary>
    public static IEnumerable<string> CheckAwsPartition(string? value, SourceOptions source)
    {
        var name = string.IsNullOrWhiteSpace(value) ? AwsPartition.Aws.Name : value.Trim();
        var partition = AwsPartition.Find(name);
        if (partition is null)
        {
            yield return $"{WorkerSettings.AwsPartition} '{name}' is not an AWS partition: expected {string.Join(", ", AwsPartition.All.Select(p => p.Name))}.";
            yield break;
        }
        if (RoleArn.TryParse(source.ReaderRoleArn, out var reader) && reader!.Partition != partition.Name)
            yield return $"{WorkerSettings.ReaderRoleArn} is in partition '{reader.Partition}' but {WorkerSettings.AwsPartition} is '{partition.Name}': use the role of {partition.Display} or fix the partition.";
        if (source.Broker.Mode == BrokerMode.WebIdentity && RoleArn.TryParse(source.Broker.RoleArn, out var broker) && broker!.Partition != partition.Name)
            yield return $"{WorkerSettings.BrokerRoleArn} is in partition '{broker.Partition}' but {WorkerSettings.AwsPartition} is '{partition.Name}': the broker role must be in the same partition.";
        foreach (var region in source.RegionList.Where(r => AwsPartition.OfRegion(r).Name != partition.Name))
            yield return $"{WorkerSettings.Regions} contains '{region}', a region of {AwsPartition.OfRegion(region).Display}, but {WorkerSettings.AwsPartition} is '{partition.Name}' (e.g. {partition.ExampleRegion}): list only regions of one partition.";
    }

    /// <summary>The checkpoint container and the Logs Ingestion audience must be of one Azure cloud: a token for the
    /// other cloud's audience is refused. Hosts of no known cloud (an emulator, a custom domain) are not judged.</summary>
    public static IEnumerable<string> CheckAzureCloud(CheckpointOptions checkpoints, SinkOptions sink)
    {
        if (checkpoints.EffectiveStore != CheckpointStoreKind.Blob || !Uri.TryCreate(checkpoints.ContainerUri, UriKind.Absolute, out var container))
            yield break;
        var storageCloud = AzureCloud.OfBlobHost(container.Host);
        var ingestionCloud = AzureCloud.All.FirstOrDefault(c => string.Equals(c.LogsIngestionAudience, sink.Audience?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
        if (storageCloud is not null && ingestionCloud is not null && storageCloud != ingestionCloud)
            yield return $"{WorkerSettings.CheckpointContainerUri} is in {storageCloud.Display} (*.blob.{storageCloud.StorageEndpointSuffix}) but " +
                         $"{WorkerSettings.IngestionAudience} '{sink.Audience}' is of {ingestionCloud.Display}: both must be of the cloud the worker runs in " +
                         $"(for {storageCloud.Display}, {WorkerSettings.IngestionAudience}={storageCloud.LogsIngestionAudience}).";
    }

    /// <summary>Keys the worker read once and reads no more, with the key that took each one's place.</summary>
    private static readonly (string Former, string Current)[] Renamed =
    [
        (WorkerSettings.FormerDeadLetterPath, WorkerSettings.DeadLetterDirectory),
    ];

    /// <summary>Keys under the worker's sections that no options class reads. A renamed key is named with its new name
    /// (the start stops rather than guess which of the two a configuration meant).</summary>
    public static IEnumerable<string> UnknownKeys(IConfiguration configuration)
    {
        var renamed = Renamed.ToDictionary(r => r.Former, r => r.Current, StringComparer.OrdinalIgnoreCase);
        foreach (var (former, current) in Renamed)
            if (configuration.GetSection(former).Exists())
                yield return $"{former} (environment variable {WorkerSettings.AsEnvironmentName(former)}) was renamed: dead letters have their own section now. " +
                             $"Set {current} (environment variable {WorkerSettings.AsEnvironmentName(current)}) instead, to the same folder.";
        foreach (var (section, options, extra) in Sections)
        {
            var known = new HashSet<string>(extra, StringComparer.OrdinalIgnoreCase);
            foreach (var child in configuration.GetSection(section).GetChildren().Where(c => !renamed.ContainsKey(c.Path)))
                foreach (var unknown in Unknown(child, options, known))
                    yield return unknown;
        }
    }

    private static IEnumerable<string> Unknown(IConfigurationSection section, Type? type, HashSet<string> extra)
    {
        if (extra.Contains(section.Path)) yield break;
        var property = type?.GetProperty(section.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite)
        {
            var settable = (type?.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name) ?? [])
                .Concat(extra.Where(e => e.StartsWith(Parent(section.Path) + ":", StringComparison.OrdinalIgnoreCase)).Select(e => e[(e.LastIndexOf(':') + 1)..]))
                .ToList();
            yield return $"{section.Path} is not a setting of the worker (environment variable {WorkerSettings.AsEnvironmentName(section.Path)}): check its spelling" +
                (settable.Count > 0 ? $"; the settings here are {string.Join(", ", settable)}." : "; this section has no settings.");
            yield break;
        }
        var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var isLeaf = propertyType.IsPrimitive || propertyType.IsEnum || propertyType == typeof(string) || propertyType == typeof(Uri)
                     || propertyType == typeof(TimeSpan) || propertyType == typeof(decimal) || propertyType == typeof(DateTimeOffset);
        foreach (var child in section.GetChildren())
        {
            if (isLeaf)
            {
                yield return $"{child.Path} is not a setting of the worker: {section.Path} is a single value, not a section.";
                continue;
            }
            foreach (var unknown in Unknown(child, propertyType, extra)) yield return unknown;
        }
    }

    private static T? TryBind<T>(IConfiguration section) where T : class, new()
    {
        try { return section.Get<T>() ?? new T(); }
        catch (InvalidOperationException) { return null; }
    }

    private static string Parent(string path) => path.Contains(':') ? path[..path.LastIndexOf(':')] : "";

    private static string Key(string key) => key;
}
