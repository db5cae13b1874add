using SentinelAwsIac.Tests.Shared;
using Azure;
using SentinelAwsIac.Connector.Storage;
using SentinelAwsIac.Emulators.Azurite;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Storage;

/// <summary>Azurite checks Shared Key signatures and x-ms-version (started without --skipApiVersionCheck or --loose).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedKeyAuthorizationTests(AzuriteFixture azurite)
{
    // A well-formed key that is not the account's: 64 bytes, base64.
    private static readonly string WrongKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task Requests_signed_with_the_account_key_are_accepted_including_query_parameters()
    {
        var container = azurite.NewContainer();
        await container.CreateIfNotExistsAsync(CancellationToken.None); // restype=container in the signed resource
        await container.UploadAsync("k/a b+c.json", BinaryData.FromString("1"), null, CancellationToken.None); // escaped path

        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync("k/", CancellationToken.None)) // restype, comp, prefix signed
            names.Add(item.Name);
        Assert.Equal(["k/a b+c.json"], names);
    }

    [Fact]
    public async Task A_wrong_key_is_rejected_with_a_403_that_says_what_to_fix()
    {
        var container = new BlobContainerClient(azurite.Azurite.ContainerUri(azurite.NewContainerName()),
            new StorageSharedKeyCredential(AzuriteProcess.AccountName, WrongKey));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(CancellationToken.None));

        Assert.Equal(403, error.Status);
        Assert.Contains(error.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" }); // Azure, Azurite
        Assert.Contains("account key", error.Message);
        Assert.DoesNotContain(WrongKey, error.Message);
    }

    [Fact]
    public async Task An_x_ms_version_the_service_does_not_know_is_rejected()
    {
        var container = azurite.NewContainer(new BlobClientOptions { Version = "2099-01-01" });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Contains("x-ms-version", error.Message);
    }
}
