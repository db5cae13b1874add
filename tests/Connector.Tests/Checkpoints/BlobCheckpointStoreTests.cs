using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Tests.Azurite;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>The blob store through Azure.Storage.Blobs against Azurite: the ETag conditions are enforced by the emulated
/// service itself.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobCheckpointStoreTests(AzuriteFixture azurite) : CheckpointStoreContract
{
    protected override object NewLocation() => azurite.NewContainerName(); // not created: the store creates it

    protected override ICheckpointStore NewStore(object? shareWith = null) =>
        new BlobCheckpointStore(azurite.Container((string)(shareWith ?? NewLocation())));

    [Fact]
    public async Task The_checkpoint_is_the_blob_checkpoints_account_region_json_and_its_version_is_the_etag()
    {
        var name = azurite.NewContainerName();
        var written = await new BlobCheckpointStore(azurite.Container(name)).WriteAsync(East, Checkpoint(1), null, Ct);

        var blob = (await azurite.Container(name).GetBlobClient("checkpoints/123456789012/us-east-1.json").DownloadContentAsync(Ct)).Value;
        Assert.Equal(blob.Details.ETag.ToString(), written.Version);
        Assert.Equal("application/json", blob.Details.ContentType);
        Assert.Contains("\"partition\": \"123456789012/us-east-1\"", blob.Content.ToString());
    }

    [Fact]
    public async Task Blobs_outside_the_checkpoint_prefix_are_not_listed()
    {
        var name = azurite.NewContainerName();
        var store = new BlobCheckpointStore(azurite.Container(name));
        await store.WriteAsync(East, Checkpoint(1), null, Ct);
        await azurite.Container(name).GetBlobClient("deadletter/123456789012/us-east-1/x.json").UploadAsync(BinaryData.FromString("{}"), Ct);

        Assert.Equal([East], (await store.ListAsync(Ct)).Select(c => c.Partition));
    }
}
