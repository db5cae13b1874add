using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.DeadLetter;
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
    /// select. The blob store authorizes with the <see cref="TokenCredential"/> registered in the container if any,
    /// else the user-assigned managed identity <c>Identity:ManagedIdentityClientId</c>, else
    /// <see cref="DefaultAzureCredential"/> (the developer's login); or with the account key of
    /// <c>Checkpoints:ConnectionString</c>.
    /// <para>Note for the one credential registration to come: the process has three today, each with its own default.
    /// (1) Sink (<c>AddLogsIngestionSink</c>): registers <see cref="TokenCredential"/> (TryAdd): user-assigned managed identity
    /// <c>Identity:ManagedIdentityClientId</c>, else <see cref="DefaultAzureCredential"/>. (2) Source
    /// (<c>AddCloudTrailSource</c>, web-identity broker only): the registered one, else a managed identity, system-assigned
    /// when <c>Identity:ManagedIdentityClientId</c> is unset. (3) Here: the registered one, else the same choice as (1) but not
    /// registered. The blob client is built when first resolved, after every registration, so inside the worker's host (which
    /// adds the sink) the checkpoint store gets (1); the <c>status</c> command, which adds no sink, gets (3).</para>
    /// </summary>
    public static IServiceCollection AddCheckpointStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The root configuration is expected; the Checkpoints section itself is accepted too.
        var section = configuration is IConfigurationSection { Key: WorkerSettings.CheckpointsSection } given
            ? given
            : configuration.GetSection(WorkerSettings.CheckpointsSection);
        services.AddOptions<CheckpointOptions>()
            .Bind(section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CheckpointOptions>, CheckpointOptionsValidator>());

        services.TryAddKeyedSingleton<BlobContainerClient>(ContainerServiceKey, (provider, _) =>
            CheckpointContainer.Create(provider.GetRequiredService<IOptions<CheckpointOptions>>().Value,
                () => provider.GetService<TokenCredential>() ?? DefaultCredential(configuration)));

        services.TryAddSingleton<ICheckpointStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CheckpointOptions>>().Value;
            return options.EffectiveStore == CheckpointStoreKind.File
                ? new FileCheckpointStore(options.Directory!)
                : new BlobCheckpointStore(provider.GetRequiredKeyedService<BlobContainerClient>(ContainerServiceKey));
        });
        return services;
    }

    /// <summary>
    /// Registers <see cref="BlobDeadLetterQueue"/> as the <see cref="IDeadLetterQueue"/>, writing under
    /// <c>deadletter/</c> in the checkpoint container. Needs <see cref="AddCheckpointStore"/> with the Blob store.
    /// </summary>
    public static IServiceCollection AddBlobDeadLetterQueue(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDeadLetterQueue>(provider =>
            new BlobDeadLetterQueue(provider.GetRequiredKeyedService<BlobContainerClient>(ContainerServiceKey)));
        return services;
    }

    private static TokenCredential DefaultCredential(IConfiguration configuration)
    {
        var clientId = configuration[WorkerSettings.ManagedIdentityClientId];
        return string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
    }
}
