using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

public static class SinkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Logs Ingestion sink from the "Sink" section: <see cref="SinkOptions"/> (validated at start),
    /// a <see cref="TokenCredential"/> (unless one is registered already), <see cref="LogsIngestionClient"/>, a
    /// <see cref="FileDeadLetterQueue"/> as <see cref="IDeadLetterQueue"/> (unless one is registered already) and
    /// <see cref="BatchingSink"/> as <see cref="ISink"/>.
    /// Credential: with Identity:ManagedIdentityClientId set (the stack sets it in Azure), the user-assigned managed
    /// identity (<see cref="ManagedIdentityCredential"/>); otherwise <see cref="DefaultAzureCredential"/>, which on a
    /// laptop takes the developer's login (Azure CLI, Visual Studio, environment variables, …).
    /// </summary>
    public static IServiceCollection AddLogsIngestionSink(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SinkOptions>().Bind(configuration.GetSection(WorkerSettings.SinkSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SinkOptions>, SinkOptionsValidator>());

        services.TryAddSingleton<TokenCredential>(_ =>
        {
            var clientId = configuration[WorkerSettings.ManagedIdentityClientId];
            return string.IsNullOrWhiteSpace(clientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        });

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SinkOptions>>().Value;
            var clientOptions = new LogsIngestionClientOptions { Audience = new LogsIngestionAudience(options.Audience!) };
            clientOptions.Retry.MaxRetries = 0; // BatchingSink retries, indefinitely and counted.
            return new LogsIngestionClient(new Uri(options.Endpoint!), sp.GetRequiredService<TokenCredential>(), clientOptions);
        });

        services.TryAddSingleton<IDeadLetterQueue>(sp => new FileDeadLetterQueue(sp.GetRequiredService<IOptions<SinkOptions>>().Value.DeadLetterPath));

        services.TryAddSingleton(sp => new BatchingSink(
            sp.GetRequiredService<LogsIngestionClient>(),
            sp.GetRequiredService<IOptions<SinkOptions>>().Value,
            sp.GetRequiredService<IDeadLetterQueue>(),
            sp.GetService<ILogger<BatchingSink>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<ISink>(sp => sp.GetRequiredService<BatchingSink>());
        return services;
    }
}
