using SentinelAwsIac.Tests.Shared;
using Azure;
using SentinelAwsIac.Connector.Storage;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobContainerClientTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task CreateIfNotExists_creates_once()
    {
        var container = azurite.NewContainer();

        Assert.True(await container.CreateIfNotExistsAsync(Ct));
        Assert.False(await container.CreateIfNotExistsAsync(Ct));
    }

    [Fact]
    public async Task Upload_then_download_returns_the_content_and_the_etag_of_the_upload()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync(Ct);

        var etag = await container.UploadAsync("a/b/c.json", BinaryData.FromString("""{"x":1}"""), null, Ct);
        var blob = await container.DownloadContentAsync("a/b/c.json", Ct);

        Assert.NotNull(blob);
        Assert.Equal("""{"x":1}""", blob.Content.ToString());
        Assert.Equal(etag, blob.ETag);
    }

    [Fact]
    public async Task Download_of_a_missing_blob_or_container_is_null()
    {
        var container = azurite.NewContainer();
        Assert.Null(await container.DownloadContentAsync("nothing.json", Ct)); // no container
        await container.CreateIfNotExistsAsync(Ct);
        Assert.Null(await container.DownloadContentAsync("nothing.json", Ct)); // no blob
    }

    [Fact]
    public async Task If_none_match_star_creates_only_once_and_the_second_is_a_typed_conflict()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync(Ct);
        var createOnly = new RequestConditions { IfNoneMatch = ETag.All };

        await container.UploadAsync("once.json", BinaryData.FromString("1"), createOnly, Ct);
        var conflict = await Assert.ThrowsAsync<BlobConditionFailedException>(() =>
            container.UploadAsync("once.json", BinaryData.FromString("2"), createOnly, Ct));

        Assert.Equal(409, conflict.Status);
        Assert.Equal("BlobAlreadyExists", conflict.ErrorCode);
        Assert.Equal("1", (await container.DownloadContentAsync("once.json", Ct))!.Content.ToString());
    }

    [Fact]
    public async Task If_match_with_the_current_etag_writes_and_with_a_stale_one_is_a_412_conflict()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync(Ct);
        var first = await container.UploadAsync("v.json", BinaryData.FromString("1"), null, Ct);

        var second = await container.UploadAsync("v.json", BinaryData.FromString("2"), new RequestConditions { IfMatch = first }, Ct);
        Assert.NotEqual(first, second);

        var stale = await Assert.ThrowsAsync<BlobConditionFailedException>(() =>
            container.UploadAsync("v.json", BinaryData.FromString("3"), new RequestConditions { IfMatch = first }, Ct));
        Assert.Equal(412, stale.Status);
        Assert.Equal("2", (await container.DownloadContentAsync("v.json", Ct))!.Content.ToString());
    }

    [Fact]
    public async Task List_by_prefix_follows_the_continuation_marker_across_pages()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync(Ct);
        var names = Enumerable.Range(0, 5).Select(i => $"p/{i}.json").ToList();
        foreach (var name in names.Append("other/x.json"))
            await container.UploadAsync(name, BinaryData.FromString(name), null, Ct);

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in container.GetBlobsAsync("p/", Ct).AsPages(pageSizeHint: 2))
            pages.Add(page);

        Assert.Equal(3, pages.Count); // 2 + 2 + 1: the marker was followed
        Assert.Equal(names, pages.SelectMany(p => p.Values).Select(b => b.Name).ToList());
        Assert.All(pages.SelectMany(p => p.Values), b => Assert.NotEqual(default, b.ETag));
    }

    [Fact]
    public async Task List_of_a_missing_container_is_empty()
    {
        var items = new List<BlobItem>();
        await foreach (var item in azurite.NewContainer().GetBlobsAsync(null, Ct))
            items.Add(item);
        Assert.Empty(items);
    }

    [Fact]
    public async Task Delete_removes_once_and_honours_if_match()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync(Ct);
        var etag = await container.UploadAsync("d.json", BinaryData.FromString("1"), null, Ct);
        await container.UploadAsync("d.json", BinaryData.FromString("2"), null, Ct);

        await Assert.ThrowsAsync<BlobConditionFailedException>(() => container.DeleteIfExistsAsync("d.json", new RequestConditions { IfMatch = etag }, Ct));
        Assert.True(await container.DeleteIfExistsAsync("d.json", null, Ct));
        Assert.False(await container.DeleteIfExistsAsync("d.json", null, Ct));
        Assert.Null(await container.DownloadContentAsync("d.json", Ct));
    }

    [Fact]
    public async Task Connection_string_constructor_reaches_the_same_account()
    {
        var name = azurite.NewContainerName();
        var byKey = new BlobContainerClient(azurite.Azurite.ContainerUri(name), new StorageSharedKeyCredential(Emulators.Azurite.AzuriteProcess.AccountName, Emulators.Azurite.AzuriteProcess.AccountKey));
        await byKey.CreateIfNotExistsAsync(Ct);
        await byKey.UploadAsync("cs.json", BinaryData.FromString("via key"), null, Ct);

        var byConnectionString = new BlobContainerClient(azurite.Azurite.ConnectionString, name);

        Assert.Equal("via key", (await byConnectionString.DownloadContentAsync("cs.json", Ct))!.Content.ToString());
    }
}
