using Microsoft.Extensions.Configuration;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Hosting;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Hosting;

public sealed class StartupValidationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Settings_of_every_section_including_nested_ones_are_known()
    {
        var config = Config(("Source:Regions", "us-east-1"), ("Source:Broker:Mode", "AccessKey"), ("Source:AwsPartition", "aws"),
            ("Sink:Endpoint", "https://x"), ("Sink:MaxConcurrency", "4"), ("Checkpoints:ContainerUri", "https://a.blob.core.windows.net/c"),
            ("Health:StallAfter", "00:10:00"), ("Identity:ManagedIdentityClientId", "id"), ("Logging:LogLevel:Default", "Debug"));
        Assert.Empty(StartupValidation.UnknownKeys(config));
    }

    [Fact]
    public void Unknown_settings_are_named_with_their_environment_variable_and_the_known_ones()
    {
        var config = Config(("Sink:Endpiont", "https://x"), ("Source:Broker:Secret", "s3cr3t"), ("Map:Anything", "1"), ("Identity:ClientId", "x"),
            ("Health:Interval:Minutes", "1"));
        var errors = StartupValidation.UnknownKeys(config).ToList();
        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Sink:Endpiont is not a setting of the worker (environment variable Sink__Endpiont)", StringComparison.Ordinal) && e.Contains("Endpoint"));
        Assert.Contains(errors, e => e.StartsWith("Source:Broker:Secret ", StringComparison.Ordinal) && e.Contains("SecretAccessKey"));
        Assert.Contains(errors, e => e.StartsWith("Map:Anything ", StringComparison.Ordinal) && e.Contains("no settings"));
        Assert.Contains(errors, e => e.StartsWith("Identity:ClientId ", StringComparison.Ordinal) && e.Contains("ManagedIdentityClientId"));
        Assert.Contains(errors, e => e.StartsWith("Health:Interval:Minutes ", StringComparison.Ordinal) && e.Contains("single value"));
        Assert.All(errors, e => Assert.DoesNotContain("s3cr3t", e));
    }

    [Theory]
    [InlineData("aws", "arn:aws:iam::111122223333:role/R", "us-east-1,eu-west-1", 0)]
    [InlineData(null, "arn:aws:iam::111122223333:role/R", "us-east-1", 0)]
    [InlineData("aws-cn", "arn:aws-cn:iam::111122223333:role/R", "cn-north-1,cn-northwest-1", 0)]
    [InlineData("aws-us-gov", "arn:aws-us-gov:iam::111122223333:role/R", "us-gov-west-1", 0)]
    [InlineData("aws-cn", "arn:aws:iam::111122223333:role/R", "cn-north-1", 1)]
    [InlineData("aws", "arn:aws:iam::111122223333:role/R", "us-east-1,cn-north-1,us-gov-east-1", 2)]
    [InlineData("azure", "arn:aws:iam::111122223333:role/R", "us-east-1", 1)]
    public void The_AWS_partition_must_match_the_role_and_the_regions(string? partition, string roleArn, string regions, int problems)
    {
        var source = new SourceOptions { ReaderRoleArn = roleArn, Regions = regions, Broker = new BrokerOptions { Mode = BrokerMode.AccessKey } };
        var errors = StartupValidation.CheckAwsPartition(partition, source).ToList();
        Assert.True(errors.Count == problems, string.Join(" | ", errors));
        Assert.All(errors, e => Assert.Contains("Source:", e));
    }

    [Theory]
    [InlineData("https://acme.blob.core.windows.net/checkpoints", "https://monitor.azure.com", null)]
    [InlineData("https://acme.blob.core.usgovcloudapi.net/checkpoints", "https://monitor.azure.us/", null)]
    [InlineData("https://acme.blob.core.chinacloudapi.cn/checkpoints", "https://monitor.azure.cn", null)]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/checkpoints", "https://monitor.azure.us", null)] // an emulator: not judged
    [InlineData("https://acme.blob.core.usgovcloudapi.net/checkpoints", "https://monitor.azure.com",
        "Checkpoints:ContainerUri is in Azure Government (*.blob.core.usgovcloudapi.net) but Sink:Audience 'https://monitor.azure.com' is of Azure public cloud: both must be of the cloud the worker runs in (for Azure Government, Sink:Audience=https://monitor.azure.us).")]
    [InlineData("https://acme.blob.core.windows.net/checkpoints", "https://monitor.azure.cn",
        "Checkpoints:ContainerUri is in Azure public cloud (*.blob.core.windows.net) but Sink:Audience 'https://monitor.azure.cn' is of Azure operated by 21Vianet (China): both must be of the cloud the worker runs in (for Azure public cloud, Sink:Audience=https://monitor.azure.com).")]
    public void The_checkpoint_container_and_the_ingestion_audience_must_be_of_one_cloud(string containerUri, string audience, string? expected)
    {
        var errors = StartupValidation.CheckAzureCloud(new CheckpointOptions { ContainerUri = containerUri }, new SinkOptions { Audience = audience }).ToList();

        if (expected is null) Assert.Empty(errors);
        else Assert.Equal(expected, Assert.Single(errors));
    }
}
