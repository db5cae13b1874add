using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Hosting;

/// <summary>The effective configuration (defaults included) as JSON, secrets replaced by "(set, redacted)" (check-config).</summary>
public static class ConfigurationReport
{
    public const string Redacted = "(set, redacted)";

    /// <summary>Settings never shown: the external ID, the broker's secret key, the storage connection string (it holds an account key).</summary>
    public static readonly IReadOnlyList<string> SecretKeys =
    [
        WorkerSettings.ExternalId, WorkerSettings.BrokerSecretAccessKey, $"{WorkerSettings.CheckpointsSection}:{nameof(CheckpointOptions.ConnectionString)}",
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Render(IServiceProvider services, IConfiguration configuration)
    {
        var root = new JsonObject
        {
            [WorkerSettings.SourceSection] = Section(services.GetRequiredService<IOptions<SourceOptions>>().Value),
            [WorkerSettings.MapSection] = new JsonObject(),
            [WorkerSettings.SinkSection] = Section(services.GetRequiredService<IOptions<SinkOptions>>().Value),
            [WorkerSettings.CheckpointsSection] = Section(services.GetRequiredService<IOptions<CheckpointOptions>>().Value),
            [WorkerSettings.HealthSection] = Section(services.GetRequiredService<IOptions<HealthOptions>>().Value),
            [StartupValidation.IdentitySection] = new JsonObject { ["ManagedIdentityClientId"] = configuration[WorkerSettings.ManagedIdentityClientId] },
        };
        ((JsonObject)root[WorkerSettings.SourceSection]!)["AwsPartition"] = configuration[WorkerSettings.AwsPartition] ?? AwsPartition.Aws.Name;
        ((JsonObject)root[WorkerSettings.SourceSection]!).Remove(nameof(SourceOptions.RegionList));
        foreach (var key in SecretKeys)
        {
            var parts = key.Split(':');
            JsonNode? node = root;
            foreach (var part in parts[..^1]) node = node?[part];
            if (node is JsonObject parent && parent[parts[^1]] is { } value && !string.IsNullOrEmpty(value.ToString()))
                parent[parts[^1]] = Redacted;
        }
        return root.ToJsonString(Json);
    }

    private static JsonNode Section<T>(T options) => JsonSerializer.SerializeToNode(options, Json)!;
}
