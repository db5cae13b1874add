using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Checkpoints;

public static class CheckpointServiceCollectionExtensions
{
    /// <summary>Service key of the <see cref="BlobContainerClient"/> for the worker's container (checkpoints and
    /// blob dead letters), registered when the store is Blob.</summary>
    public const string ContainerServiceKey = "checkpoints";

    /// <summary>
    /// Binds <see cref="CheckpointOptions"/> from the <c>Checkpoints</c> section of <paramref name="configuration"/>
    /// (the root configuration), validates them at start-up, and registers the <see cref="ICheckpointStore"/> they
    /// select. The blob store authorizes with the process's Azure credential
    /// (<see cref="AzureCredentialRegistration.AddAzureCredential"/>), or with the account key or SAS of
    /// <c>Checkpoints:ConnectionString</c>.
    /// </summary>
    public static IServiceCollection AddCheckpointStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The root configuration is expected; the Checkpoints section itself is accepted too.
        var section = configuration is IConfigurationSection { Key: WorkerSettings.CheckpointsSection } given
            ? given
            : configuration.GetSection(WorkerSettings.CheckpointsSection);
        services.AddAzureCredential(configuration);
        services.AddOptions<CheckpointOptions>()
            .Bind(section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CheckpointOptions>, CheckpointOptionsValidator>());

        services.TryAddKeyedSingleton<BlobContainerClient>(ContainerServiceKey, (provider, _) =>
            CheckpointContainer.Create(provider.GetRequiredService<IOptions<CheckpointOptions>>().Value,
                provider.GetRequiredService<TokenCredential>));

        services.TryAddSingleton<ICheckpointStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CheckpointOptions>>().Value;
            return options.EffectiveStore == CheckpointStoreKind.File
                ? new FileCheckpointStore(options.Directory!, provider.GetService<TimeProvider>())
                : new BlobCheckpointStore(provider.GetRequiredKeyedService<BlobContainerClient>(ContainerServiceKey));
        });
        return services;
    }
}
