using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.DeadLetter;

public static class DeadLetterServiceCollectionExtensions
{
    /// <summary>
    /// The one dead-letter registration: <see cref="DeadLetterOptions"/> from the "DeadLetters" section (validated at
    /// start), the store the checkpoint store selects (<see cref="BlobDeadLetterQueue"/> in the checkpoint container with
    /// the Blob store, <see cref="FileDeadLetterQueue"/> in DeadLetters:Directory with the File store), and
    /// <see cref="DeadLetterCounter"/> around it as the process's <see cref="IDeadLetterQueue"/>, so every dead letter is
    /// counted once. Needs <see cref="CheckpointServiceCollectionExtensions.AddCheckpointStore"/>.
    /// </summary>
    public static IServiceCollection AddDeadLetters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DeadLetterOptions>().Bind(configuration.GetSection(WorkerSettings.DeadLettersSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeadLetterOptions>, DeadLetterOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var checkpoints = sp.GetRequiredService<IOptions<CheckpointOptions>>().Value;
            IDeadLetterQueue store = checkpoints.EffectiveStore == CheckpointStoreKind.Blob
                ? new BlobDeadLetterQueue(sp.GetRequiredKeyedService<BlobContainerClient>(CheckpointServiceCollectionExtensions.ContainerServiceKey))
                : new FileDeadLetterQueue(sp.GetRequiredService<IOptions<DeadLetterOptions>>().Value.Directory);
            return new DeadLetterCounter(store);
        });
        services.TryAddSingleton<IDeadLetterQueue>(sp => sp.GetRequiredService<DeadLetterCounter>());
        return services;
    }
}
