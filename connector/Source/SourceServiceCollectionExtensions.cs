using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source.Credentials;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Source;

public static class SourceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CloudTrail source and the partition pipeline: <see cref="SourceOptions"/> from the "Source"
    /// section (validated at start), the reader-role credentials, <see cref="ILookupEventsClientFactory"/>,
    /// <see cref="PartitionStatusRegistry"/> (also as <see cref="IPartitionStatusSource"/>) and
    /// <see cref="CloudTrailPipelineService"/> as a hosted service. The host registers IRecordMapper, ISink,
    /// ICheckpointStore and IDeadLetterQueue. A <see cref="TokenCredential"/> in the container is used for the
    /// web-identity broker; otherwise a ManagedIdentityCredential for Identity:ManagedIdentityClientId.
    /// </summary>
    public static IServiceCollection AddCloudTrailSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourceOptions>().Bind(configuration.GetSection(WorkerSettings.SourceSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourceOptions>, SourceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PartitionStatusRegistry>(sp => new PartitionStatusRegistry(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPartitionStatusSource>(sp => sp.GetRequiredService<PartitionStatusRegistry>());
        services.TryAddSingleton<StsAssumeRoleCredentials>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            TokenCredential? token = null;
            if (options.Broker.Mode == BrokerMode.WebIdentity)
            {
                token = sp.GetService<TokenCredential>();
                if (token is null)
                {
                    var clientId = configuration[WorkerSettings.ManagedIdentityClientId];
                    token = string.IsNullOrWhiteSpace(clientId)
                        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            }
            return ReaderCredentialsFactory.Create(options, token);
        });
        services.TryAddSingleton<ILookupEventsClientFactory>(sp => new LookupEventsClientFactory(
            sp.GetRequiredService<StsAssumeRoleCredentials>(), sp.GetRequiredService<IOptions<SourceOptions>>().Value.Endpoint));
        services.AddHostedService<CloudTrailPipelineService>();
        return services;
    }
}
