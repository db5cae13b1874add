using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

public static class SinkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Logs Ingestion sink from the "Sink" section: <see cref="SinkOptions"/> (validated at start),
    /// <see cref="LogsIngestionClient"/> with the process's Azure credential
    /// (<see cref="AzureCredentialRegistration.AddAzureCredential"/>) and <see cref="BatchingSink"/> as <see cref="ISink"/>.
    /// Rows the service refuses go to the <see cref="IDeadLetterQueue"/> the host registers (AddDeadLetters).
    /// </summary>
    public static IServiceCollection AddLogsIngestionSink(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SinkOptions>().Bind(configuration.GetSection(WorkerSettings.SinkSection)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SinkOptions>, SinkOptionsValidator>());

        services.AddAzureCredential(configuration);

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SinkOptions>>().Value;
            var clientOptions = new LogsIngestionClientOptions { Audience = new LogsIngestionAudience(options.Audience!) };
            clientOptions.Retry.MaxRetries = 0; // BatchingSink retries, indefinitely and counted.
            return new LogsIngestionClient(new Uri(options.Endpoint!), sp.GetRequiredService<TokenCredential>(), clientOptions);
        });

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
