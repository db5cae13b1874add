using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Sink;

public sealed class SinkOptionsValidatorTests
{
    private static SinkOptions Valid() => new()
    {
        Endpoint = "https://my-dce-a1b2.westeurope-1.ingest.monitor.azure.com",
        RuleId = "dcr-0123456789abcdef0123456789abcdef",
    };

    private static List<string> Failures(SinkOptions options) =>
        new SinkOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Defaults_with_endpoint_and_rule_are_valid() => Assert.Empty(Failures(Valid()));

    [Theory]
    [InlineData(null)]
    [InlineData("http://my-dce.westeurope-1.ingest.monitor.azure.com")]
    [InlineData("my-dce")]
    public void Endpoint_must_be_https(string? endpoint)
    {
        var options = Valid();
        options.Endpoint = endpoint;
        var failure = Assert.Single(Failures(options));
        Assert.StartsWith("Sink:Endpoint must be an https URL such as https://<dce>.<region>.ingest.monitor.azure.com", failure);
    }

    [Fact]
    public void Rule_must_be_the_immutable_id_not_the_resource_id()
    {
        var options = Valid();
        options.RuleId = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/dataCollectionRules/z";
        Assert.Contains("Sink:RuleId must be the DCR's immutable ID", Assert.Single(Failures(options)));
        options.RuleId = " ";
        Assert.Contains("Sink:RuleId must be set", Assert.Single(Failures(options)));
    }

    [Fact]
    public void Each_invalid_setting_is_named_with_its_fix()
    {
        var options = Valid();
        options.StreamName = "AWSCloudTrail_CL";
        options.Audience = "monitor.azure.com";
        options.MaxConcurrency = 0;
        options.FlushInterval = TimeSpan.Zero;
        options.MaxBatchBytes = IngestionLimits.MaxBodyBytes + 1;
        options.MaxBufferedBytes = 1000;
        var failures = Failures(options);
        Assert.Contains(failures, f => f.StartsWith("Sink:StreamName must name a stream of the DCR, 'Custom-<table>'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sink:Audience must be", StringComparison.Ordinal) && f.Contains("https://monitor.azure.cn"));
        Assert.Contains(failures, f => f.StartsWith("Sink:MaxConcurrency must be between 1 and 64", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sink:FlushInterval must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sink:MaxBatchBytes must be between 1024 and 1000000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sink:MaxBufferedBytes must be at least twice MaxBatchBytes", StringComparison.Ordinal));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // The host registers the dead letters (AddDeadLetters); the sink only uses them.
        return new ServiceCollection().AddLogging().AddSingleton<IDeadLetterQueue>(new FileDeadLetterQueue(Path.Combine(Path.GetTempPath(), "dl-sink-" + Guid.NewGuid().ToString("N"))))
            .AddLogsIngestionSink(configuration).BuildServiceProvider();
    }

    [Fact]
    public async Task AddLogsIngestionSink_binds_the_stack_settings_and_reports_bad_ones()
    {
        await using var good = Provider(new()
        {
            [WorkerSettings.IngestionEndpoint] = "https://dce.westeurope-1.ingest.monitor.azure.com",
            [WorkerSettings.RuleId] = "dcr-1",
            [WorkerSettings.StreamName] = "Microsoft-AWSCloudTrail",
            [WorkerSettings.IngestionAudience] = "https://monitor.azure.us",
            ["Sink:MaxConcurrency"] = "3",
            [WorkerSettings.ManagedIdentityClientId] = "00000000-0000-0000-0000-000000000001",
        });
        var options = good.GetRequiredService<IOptions<SinkOptions>>().Value;
        Assert.Equal("Microsoft-AWSCloudTrail", options.StreamName);
        Assert.Equal(3, options.MaxConcurrency);
        Assert.IsType<ManagedIdentityCredential>(good.GetRequiredService<TokenCredential>());
        Assert.IsType<BatchingSink>(good.GetRequiredService<ISink>());

        await using var local = Provider(new()
        {
            [WorkerSettings.IngestionEndpoint] = "https://dce.westeurope-1.ingest.monitor.azure.com",
            [WorkerSettings.RuleId] = "dcr-1",
        });
        Assert.IsType<DefaultAzureCredential>(local.GetRequiredService<TokenCredential>());

        await using var bad = Provider(new() { [WorkerSettings.RuleId] = "dcr-1" });
        var e = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<SinkOptions>>().Value);
        Assert.Contains("Sink:Endpoint must be an https URL", e.Message);
    }
}
