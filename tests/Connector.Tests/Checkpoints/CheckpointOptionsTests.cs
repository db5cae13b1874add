using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

public sealed class CheckpointOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    private static List<string> Errors(params (string Key, string Value)[] settings)
    {
        var options = new CheckpointOptions();
        Config(settings).GetSection(WorkerSettings.CheckpointsSection).Bind(options);
        var result = new CheckpointOptionsValidator().Validate(null, options);
        return result.Failed ? result.Failures.ToList() : [];
    }

    [Fact]
    public void The_stacks_container_uri_alone_is_valid_and_selects_the_blob_store()
    {
        Assert.Empty(Errors((WorkerSettings.CheckpointContainerUri, "https://acme.blob.core.windows.net/checkpoints")));
    }

    [Fact]
    public void Nothing_configured_says_which_keys_to_set()
    {
        var error = Assert.Single(Errors());
        Assert.Contains("Checkpoints:ContainerUri is not set", error);
        Assert.Contains("Checkpoints:Store=File", error);
        Assert.Contains("Checkpoints:Directory", error);
    }

    [Theory]
    [InlineData("not a url", "is not an absolute http(s) URL")]
    [InlineData("ftp://acme.blob.core.windows.net/checkpoints", "is not an absolute http(s) URL")]
    [InlineData("http://acme.blob.core.windows.net/checkpoints", "uses http: use https")]
    [InlineData("https://acme.blob.core.windows.net/", "does not name exactly one container")]
    [InlineData("https://acme.blob.core.windows.net/a/b", "does not name exactly one container")]
    [InlineData("https://acme.blob.core.windows.net/Check_Points", "container name 'Check_Points' is not valid")]
    [InlineData("https://acme.blob.core.windows.net/checkpoints?sv=2020&sig=x", "has a query string")]
    public void A_bad_container_uri_is_named_with_its_fix(string uri, string expected)
    {
        var errors = Errors((WorkerSettings.CheckpointContainerUri, uri));
        Assert.Contains(errors, e => e.Contains("Checkpoints:ContainerUri") && e.Contains(expected));
    }

    [Fact]
    public void Http_is_allowed_for_a_local_emulator_with_its_account_segment()
    {
        Assert.Empty(Errors((WorkerSettings.CheckpointContainerUri, "http://127.0.0.1:10000/devstoreaccount1/checkpoints")));
    }

    [Fact]
    public void File_store_needs_a_directory()
    {
        var error = Assert.Single(Errors(("Checkpoints:Store", "File")));
        Assert.Contains("Checkpoints:Directory is not set", error);
    }

    [Fact]
    public void A_directory_alone_selects_the_file_store()
    {
        var options = new CheckpointOptions { Directory = "./cp" };
        Assert.Equal(CheckpointStoreKind.File, options.EffectiveStore);
        Assert.Equal(CheckpointStoreKind.Blob, new CheckpointOptions { Directory = "./cp", ContainerUri = "https://a.blob.core.windows.net/c" }.EffectiveStore);
    }

    [Fact]
    public void Connection_string_and_container_uri_together_are_refused()
    {
        var errors = Errors((WorkerSettings.CheckpointContainerUri, "https://acme.blob.core.windows.net/checkpoints"),
            ("Checkpoints:ConnectionString", "UseDevelopmentStorage=true"));
        Assert.Contains(errors, e => e.Contains("are both set"));
    }

    [Theory]
    [InlineData("AccountName=acme;AccountKey=SECRET*notbase64")]
    [InlineData("garbage SECRET")]
    [InlineData("AccountName=acme;EndpointSuffix=core.windows.net;Extra=SECRET")]
    public void A_bad_connection_string_is_reported_without_its_value(string connectionString)
    {
        var errors = Errors(("Checkpoints:ConnectionString", connectionString));
        var error = Assert.Single(errors);
        Assert.StartsWith("Checkpoints:ConnectionString is not usable", error);
        Assert.DoesNotContain("SECRET", error);
    }

    [Fact]
    public void A_bad_container_name_with_a_connection_string_is_named()
    {
        var errors = Errors(("Checkpoints:ConnectionString", "UseDevelopmentStorage=true"), ("Checkpoints:ContainerName", "x"));
        Assert.Contains(errors, e => e.StartsWith("Checkpoints:ContainerName: container name 'x'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddCheckpointStore_with_a_directory_gives_the_file_store_in_that_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-di-" + Guid.NewGuid().ToString("N"));
        using var provider = new ServiceCollection()
            .AddCheckpointStore(Config(("Checkpoints:Directory", folder)))
            .BuildServiceProvider();

        var store = Assert.IsType<FileCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Equal(Path.GetFullPath(folder), store.Directory);
    }

    [Fact]
    public void AddCheckpointStore_accepts_the_checkpoints_section_as_well_as_the_root()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-di-" + Guid.NewGuid().ToString("N"));
        using var provider = new ServiceCollection()
            .AddCheckpointStore(Config(("Checkpoints:Directory", folder)).GetSection(WorkerSettings.CheckpointsSection))
            .BuildServiceProvider();

        Assert.IsType<FileCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
    }

    [Fact]
    public void AddCheckpointStore_with_a_container_uri_or_connection_string_gives_the_blob_store()
    {
        using var byUri = new ServiceCollection()
            .AddCheckpointStore(Config((WorkerSettings.CheckpointContainerUri, "https://acme.blob.core.windows.net/checkpoints"),
                (WorkerSettings.ManagedIdentityClientId, "00000000-0000-0000-0000-000000000001")))
            .BuildServiceProvider();
        Assert.IsType<BlobCheckpointStore>(byUri.GetRequiredService<ICheckpointStore>());

        using var byConnectionString = new ServiceCollection()
            .AddCheckpointStore(Config(("Checkpoints:ConnectionString", "UseDevelopmentStorage=true")))
            .BuildServiceProvider();
        Assert.IsType<BlobCheckpointStore>(byConnectionString.GetRequiredService<ICheckpointStore>());
    }

    [Fact]
    public void AddCheckpointStore_with_bad_settings_fails_on_resolve_with_the_message()
    {
        using var provider = new ServiceCollection()
            .AddCheckpointStore(Config((WorkerSettings.CheckpointContainerUri, "http://acme.blob.core.windows.net/checkpoints")))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICheckpointStore>());
        Assert.Contains("uses http: use https", error.Message);
    }
}
