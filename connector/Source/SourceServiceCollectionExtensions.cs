using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Source.Credentials;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Source;

public static class SourceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the CloudTrail source: <see cref="SourceOptions"/> from the "Source" section (validated at start), the
    /// reader-role credentials and <see cref="ILookupEventsClientFactory"/>. The web-identity broker asks the process's
    /// Azure credential (<see cref="AzureCredentialRegistration.AddAzureCredential"/>) for its token. The source runs
    /// nothing by itself: the host composes it with the pipeline that reads it.
    /// </summary>
    public static IServiceCollection AddCloudTrailSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SourceOptions>().Bind(configuration.GetSection(WorkerSettings.SourceSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourceOptions>, SourceOptionsValidator>());
        services.AddAzureCredential(configuration);
        services.TryAddSingleton<StsAssumeRoleCredentials>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SourceOptions>>().Value;
            var token = options.Broker.Mode == BrokerMode.WebIdentity ? sp.GetRequiredService<TokenCredential>() : null;
            return ReaderCredentialsFactory.Create(options, token);
        });
        services.TryAddSingleton<ILookupEventsClientFactory>(sp => new LookupEventsClientFactory(
            sp.GetRequiredService<StsAssumeRoleCredentials>(), sp.GetRequiredService<IOptions<SourceOptions>>().Value.Endpoint));
        return services;
    }
}
