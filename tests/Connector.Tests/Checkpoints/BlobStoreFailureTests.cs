using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Tests.Azurite;
using SentinelAwsIac.Emulators.Azurite;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>
/// What an operator reads when the checkpoint store cannot reach its container, against Azurite started with its
/// Shared Key and API-version checks on (no --loose, no --skipApiVersionCheck): one line with the status, the service's
/// error code and message, and the fix; never the key.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobStoreFailureTests(AzuriteFixture azurite)
{
    private static readonly PartitionKey East = new("123456789012", "us-east-1");

    // A well-formed key that is not the account's: 64 bytes, base64.
    private static readonly string WrongKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task A_wrong_account_key_is_a_403_that_says_to_check_the_connection_string_without_echoing_the_key()
    {
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.AccountName};AccountKey={WrongKey};BlobEndpoint={azurite.Azurite.BlobEndpoint};";
        var store = new BlobCheckpointStore(CheckpointContainer.FromConnectionString(connectionString, azurite.NewContainerName()));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => store.ReadAsync(East, CancellationToken.None));

        Assert.Equal(403, error.Status);
        Assert.Contains(error.ErrorCode, new[] { "AuthenticationFailed", "AuthorizationFailure" }); // Azure, Azurite
        Assert.StartsWith("Blob storage could not read checkpoint blob 'checkpoints/123456789012/us-east-1.json' in container http://127.0.0.1:", error.Message);
        Assert.Contains("Fix: the account key in Checkpoints:ConnectionString does not match the account", error.Message);
        Assert.DoesNotContain(WrongKey, error.Message);
        Assert.DoesNotContain("\n", error.Message); // one line in the log
    }

    [Fact]
    public async Task The_packages_default_service_version_is_refused_by_the_pinned_Azurite_and_the_error_names_the_pin()
    {
        // Why CheckpointBlobClientOptions pins the version: a client at Azure.Storage.Blobs' own default is refused.
        var uri = azurite.Azurite.ContainerUri(azurite.NewContainerName());
        var atPackageDefault = new BlobContainerClient(uri, new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey), new BlobClientOptions());
        var store = new BlobCheckpointStore(atPackageDefault);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => store.WriteAsync(East, new PartitionCheckpoint { Watermark = DateTimeOffset.UnixEpoch }, null, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidHeaderValue", error.ErrorCode);
        Assert.Contains($"the worker sends {CheckpointBlobClientOptions.ServiceVersionHeader}, pinned in connector/Checkpoints/CheckpointBlobClientOptions.cs", error.Message);
    }

    [Fact]
    public async Task The_pinned_service_version_is_accepted_with_the_version_check_on()
    {
        var container = azurite.NewContainer();
        var store = new BlobCheckpointStore(container);

        var written = await store.WriteAsync(East, new PartitionCheckpoint { Watermark = DateTimeOffset.UnixEpoch }, null, CancellationToken.None);
        var properties = await container.GetBlobClient("checkpoints/123456789012/us-east-1.json").GetPropertiesAsync();

        Assert.Equal("2025-11-05", CheckpointBlobClientOptions.ServiceVersionHeader);
        Assert.Equal(written.Version, properties.Value.ETag.ToString());
    }
}
