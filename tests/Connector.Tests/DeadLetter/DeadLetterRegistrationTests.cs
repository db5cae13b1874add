using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.DeadLetter;

public sealed class DeadLetterRegistrationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    private static ServiceProvider Provider(IConfiguration configuration) =>
        new ServiceCollection().AddCheckpointStore(configuration).AddDeadLetters(configuration).BuildServiceProvider();

    [Fact]
    public void With_the_blob_checkpoint_store_dead_letters_are_blobs_counted_once()
    {
        using var provider = Provider(Config((WorkerSettings.CheckpointContainerUri, "https://acme.blob.core.windows.net/checkpoints"),
            (WorkerSettings.ManagedIdentityClientId, "00000000-0000-0000-0000-000000000001")));

        var counter = provider.GetRequiredService<DeadLetterCounter>();
        Assert.Same(counter, provider.GetRequiredService<IDeadLetterQueue>());
        Assert.IsType<BlobDeadLetterQueue>(counter.Inner);
    }

    [Fact]
    public void With_the_file_checkpoint_store_dead_letters_are_files_in_their_own_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dl-di-" + Guid.NewGuid().ToString("N"));
        using var provider = Provider(Config(("Checkpoints:Directory", folder + "-cp"), (WorkerSettings.DeadLetterDirectory, folder)));

        var store = Assert.IsType<FileDeadLetterQueue>(provider.GetRequiredService<DeadLetterCounter>().Inner);
        Assert.Equal(Path.GetFullPath(folder), store.Folder);
    }

    [Fact]
    public void A_blank_folder_is_refused_naming_the_key()
    {
        using var provider = Provider(Config(("Checkpoints:Directory", "cp"), (WorkerSettings.DeadLetterDirectory, " ")));

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DeadLetterOptions>>().Value);
        Assert.StartsWith("DeadLetters:Directory must be a writable folder", Assert.Single(e.Failures));
    }

    [Fact]
    public async Task Every_writer_is_counted_in_the_one_count_per_partition()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dl-count-" + Guid.NewGuid().ToString("N"));
        await using var provider = Provider(Config(("Checkpoints:Directory", folder + "-cp"), (WorkerSettings.DeadLetterDirectory, folder)));
        var queue = provider.GetRequiredService<IDeadLetterQueue>();
        var east = new PartitionKey("111122223333", "us-east-1");
        var west = east with { Region = "us-west-2" };

        await queue.WriteAsync(new DeadLetterEntry(east, "map", "bad", "{}", DateTimeOffset.UnixEpoch), default);
        await queue.WriteAsync(new DeadLetterEntry(east, "sink", "rejected", "{}", DateTimeOffset.UnixEpoch), default);
        await queue.WriteAsync(new DeadLetterEntry(west, "sink", "rejected", "{}", DateTimeOffset.UnixEpoch), default);

        var counter = provider.GetRequiredService<DeadLetterCounter>();
        Assert.Equal((2L, 1L), (counter.CountOf(east), counter.CountOf(west)));
        var written = 0;
        await foreach (var _ in FileDeadLetterQueue.ReadAllAsync(folder)) written++;
        Assert.Equal(3, written);
    }
}
