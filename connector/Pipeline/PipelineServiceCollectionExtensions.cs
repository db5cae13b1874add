using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SentinelAwsIac.Connector.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the partition pipeline over the CloudTrail source: <see cref="PartitionStatusRegistry"/> (also as
    /// <see cref="IPartitionStatusSource"/>) and <see cref="CloudTrailPipelineService"/> as a hosted service. The host
    /// registers what it ties together: the source, IRecordMapper, ISink, ICheckpointStore and IDeadLetterQueue.
    /// </summary>
    public static IServiceCollection AddCloudTrailPipeline(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartitionStatusRegistry>(sp => new PartitionStatusRegistry(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPartitionStatusSource>(sp => sp.GetRequiredService<PartitionStatusRegistry>());
        services.AddHostedService<CloudTrailPipelineService>();
        return services;
    }
}
