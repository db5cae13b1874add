using SentinelAwsIac.Tests.Shared;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Storage;
using SentinelAwsIac.Connector.Tests.Storage;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>The blob store against Azurite: the ETag conditions are enforced by the emulated service itself.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobCheckpointStoreTests(AzuriteFixture azurite) : CheckpointStoreContract
{
    protected override object NewLocation() => azurite.NewContainerName(); // not created: the store creates it

    protected override ICheckpointStore NewStore(object? shareWith = null) =>
        new BlobCheckpointStore(Container((string)(shareWith ?? NewLocation())));

    private BlobContainerClient Container(string name) =>
        new(azurite.Azurite.ContainerUri(name), new StorageSharedKeyCredential(Emulators.Azurite.AzuriteProcess.AccountName, Emulators.Azurite.AzuriteProcess.AccountKey));

    [Fact]
    public async Task The_checkpoint_is_the_blob_checkpoints_account_region_json_and_its_version_is_the_etag()
    {
        var name = azurite.NewContainerName();
        var written = await new BlobCheckpointStore(Container(name)).WriteAsync(East, Checkpoint(1), null, Ct);

        var blob = await Container(name).DownloadContentAsync("checkpoints/123456789012/us-east-1.json", Ct);
        Assert.NotNull(blob);
        Assert.Equal(blob.ETag.ToString(), written.Version);
        Assert.Contains("\"partition\": \"123456789012/us-east-1\"", blob.Content.ToString());
    }

    [Fact]
    public async Task Blobs_outside_the_checkpoint_prefix_are_not_listed()
    {
        var name = azurite.NewContainerName();
        var store = new BlobCheckpointStore(Container(name));
        await store.WriteAsync(East, Checkpoint(1), null, Ct);
        await Container(name).UploadAsync("deadletter/123456789012/us-east-1/x.json", BinaryData.FromString("{}"), null, Ct);

        Assert.Equal([East], (await store.ListAsync(Ct)).Select(c => c.Partition));
    }
}
