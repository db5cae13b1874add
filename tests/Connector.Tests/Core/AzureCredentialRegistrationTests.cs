using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Core;

public sealed class AzureCredentialRegistrationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void Without_a_client_id_the_default_is_the_default_chain()
    {
        Assert.IsType<DefaultAzureCredential>(AzureCredentialRegistration.Create(null));
        Assert.IsType<DefaultAzureCredential>(AzureCredentialRegistration.Create(" "));
        Assert.IsType<ManagedIdentityCredential>(AzureCredentialRegistration.Create("00000000-0000-0000-0000-000000000001"));
    }

    [Theory]
    [InlineData("sink, checkpoints, source")]
    [InlineData("source, checkpoints, sink")]
    [InlineData("checkpoints, source, sink")]
    public void Whatever_the_order_of_registration_the_process_has_one_credential(string order)
    {
        var config = Config((WorkerSettings.ManagedIdentityClientId, "00000000-0000-0000-0000-000000000001"));
        var services = new ServiceCollection();
        foreach (var component in order.Split(", "))
        {
            _ = component switch
            {
                "sink" => services.AddLogsIngestionSink(config),
                "checkpoints" => services.AddCheckpointStore(config),
                _ => services.AddCloudTrailSource(config),
            };
        }

        Assert.Single(services, d => d.ServiceType == typeof(TokenCredential));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<ManagedIdentityCredential>(provider.GetRequiredService<TokenCredential>());
    }

    [Fact]
    public void A_credential_registered_first_wins()
    {
        var mine = new DefaultAzureCredential();
        var services = new ServiceCollection().AddSingleton<TokenCredential>(mine).AddAzureCredential(Config());
        using var provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<TokenCredential>());
    }
}
