using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SentinelAwsIac.Connector.Map;

public static class MapServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CloudTrailRecordMapper"/> as the singleton <see cref="IRecordMapper"/>. It has no
    /// options: the column list and the field limit are facts of the service (contracts), not settings.
    /// </summary>
    public static IServiceCollection AddCloudTrailMapper(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IRecordMapper, CloudTrailRecordMapper>();
        return services;
    }
}
