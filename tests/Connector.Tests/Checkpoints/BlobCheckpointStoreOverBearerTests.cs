using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Tests.Azurite;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>
/// The checkpoint store's whole contract over the production authorization path: bearer tokens (as from the worker's
/// managed identity) through Azure.Storage.Blobs against Azurite with OAuth over HTTPS, where the ETag conditions are enforced by the service.
/// </summary>
[Collection(AzuriteOAuthCollection.Name)]
public sealed class BlobCheckpointStoreOverBearerTests(AzuriteOAuthFixture azurite) : CheckpointStoreContract
{
    private readonly UnsignedJwtCredential _credential = new();
    private readonly List<AuthorizationRecordingHandler> _wires = [];

    protected override object NewLocation() => azurite.NewContainerName(); // not created: the store creates it

    protected override ICheckpointStore NewStore(object? shareWith = null)
    {
        var container = azurite.NewContainer(_credential, out var wire, (string)(shareWith ?? NewLocation()));
        _wires.Add(wire);
        return new BlobCheckpointStore(container);
    }

    [Fact]
    public async Task Create_advance_read_and_list_go_out_with_bearer_tokens_only()
    {
        var store = NewStore();
        var first = await store.WriteAsync(East, Checkpoint(1, "a"), null, Ct);
        var second = await store.WriteAsync(East, Checkpoint(2, "b"), first.Version, Ct);
        await Assert.ThrowsAsync<CheckpointConflictException>(() => store.WriteAsync(East, Checkpoint(3), first.Version, Ct));
        var read = await store.ReadAsync(East, Ct);
        var listed = await store.ListAsync(Ct);

        Assert.Equal(second.Version, read?.Version);
        Assert.Equal([East], listed.Select(c => c.Partition));
        var schemes = Assert.Single(_wires).Schemes;
        Assert.True(schemes.Count >= 6, $"expected at least 6 requests, saw {schemes.Count}");
        Assert.All(schemes, scheme => Assert.Equal("Bearer", scheme));
        Assert.All(_credential.Requests, scopes => Assert.Equal(["https://storage.azure.com/.default"], scopes));
    }
}
