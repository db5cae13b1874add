using Azure;
using SentinelAwsIac.Connector.Storage;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Storage;

/// <summary>
/// The production authorization path (a <see cref="Azure.Core.TokenCredential"/> such as the worker's managed identity)
/// against Azurite with <c>--oauth basic</c> over HTTPS, which rejects tokens with a wrong issuer, audience or lifetime.
/// </summary>
[Collection(AzuriteOAuthCollection.Name)]
public sealed class BearerAuthorizationTests(AzuriteOAuthFixture azurite)
{
    private const string StorageScope = "https://storage.azure.com/.default"; // Azure Storage docs, "Authorize access to blobs using Microsoft Entra ID"
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task Create_upload_download_conditional_update_and_list_work_with_a_bearer_token()
    {
        var credential = new UnsignedJwtCredential();
        var container = azurite.NewContainer(credential, out var wire);

        Assert.True(await container.CreateIfNotExistsAsync(Ct));
        var first = await container.UploadAsync("p/a.json", BinaryData.FromString("1"), new RequestConditions { IfNoneMatch = ETag.All }, Ct);
        var second = await container.UploadAsync("p/a.json", BinaryData.FromString("2"), new RequestConditions { IfMatch = first }, Ct);
        var stale = await Assert.ThrowsAsync<BlobConditionFailedException>(() =>
            container.UploadAsync("p/a.json", BinaryData.FromString("3"), new RequestConditions { IfMatch = first }, Ct));
        await container.UploadAsync("p/b.json", BinaryData.FromString("b"), null, Ct);
        await container.UploadAsync("q/c.json", BinaryData.FromString("c"), null, Ct);
        var downloaded = await container.DownloadContentAsync("p/a.json", Ct);
        var listed = new List<string>();
        await foreach (var page in container.GetBlobsAsync("p/", Ct).AsPages(pageSizeHint: 1))
            listed.AddRange(page.Values.Select(b => b.Name));

        Assert.Equal(412, stale.Status);
        Assert.NotNull(downloaded);
        Assert.Equal("2", downloaded.Content.ToString());
        Assert.Equal(second, downloaded.ETag);
        Assert.Equal(["p/a.json", "p/b.json"], listed);

        // Every request went out with the bearer token, none with Shared Key; the token was asked for storage's scope.
        Assert.True(wire.Schemes.Count >= 9, $"expected at least 9 requests, saw {wire.Schemes.Count}");
        Assert.All(wire.Schemes, scheme => Assert.Equal("Bearer", scheme));
        Assert.NotEmpty(credential.Requests);
        Assert.All(credential.Requests, scopes => Assert.Equal([StorageScope], scopes));
    }

    [Fact]
    public async Task The_default_token_scope_is_azure_storage()
    {
        Assert.Equal(StorageScope, new BlobClientOptions().TokenScope);
        var credential = new UnsignedJwtCredential();
        await azurite.NewContainer(credential, out _).CreateIfNotExistsAsync(Ct);
        Assert.Equal([StorageScope], Assert.Single(credential.Requests));
    }

    [Fact]
    public async Task An_expired_token_is_rejected_with_the_services_error_code_and_a_fix()
    {
        var container = azurite.NewContainer(new UnsignedJwtCredential { Lifetime = TimeSpan.FromMinutes(-10) }, out var wire);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(Ct));

        AssertTokenRejected(failure, "The token is expired.");
        Assert.All(wire.Schemes, scheme => Assert.Equal("Bearer", scheme));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var container = azurite.NewContainer(new UnsignedJwtCredential { Audience = "https://monitor.azure.com" }, out _);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            container.UploadAsync("x.json", BinaryData.FromString("{}"), null, Ct));

        AssertTokenRejected(failure, "Invalid token audience.");
    }

    [Fact]
    public async Task A_client_configured_with_another_scope_gets_a_token_the_service_rejects()
    {
        // The credential derives aud from the scope like Entra does: this is what a wrong TokenScope would cost.
        var credential = new UnsignedJwtCredential();
        var options = azurite.NewOptions(out _);
        options.TokenScope = "https://monitor.azure.com//.default";
        var container = new BlobContainerClient(azurite.Azurite.ContainerUri(azurite.NewContainerName()), credential, options);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => container.DownloadContentAsync("x.json", Ct));

        AssertTokenRejected(failure, "Invalid token audience.");
        Assert.All(credential.Requests, scopes => Assert.Equal(["https://monitor.azure.com//.default"], scopes));
    }

    [Fact]
    public async Task A_token_from_a_non_Entra_issuer_is_rejected()
    {
        var container = azurite.NewContainer(new UnsignedJwtCredential { Issuer = "https://login.example.com/tenant/" }, out _);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => container.CreateIfNotExistsAsync(Ct));

        AssertTokenRejected(failure, "Invalid token issuer.");
    }

    /// <summary>Azurite answers a rejected token with 403 AuthenticationFailed and an AuthenticationErrorDetail (Azure answers
    /// 401 InvalidAuthenticationInfo); the exception names the status, the code, the service's detail (Azurite's exact
    /// text, BlobTokenAuthenticator.js) and the token fix, not the role-assignment one.</summary>
    private static void AssertTokenRejected(RequestFailedException failure, string azuriteDetail)
    {
        Assert.Equal(403, failure.Status);
        Assert.Equal("AuthenticationFailed", failure.ErrorCode);
        Assert.Contains("403", failure.Message);
        Assert.Contains("(AuthenticationFailed)", failure.Message);
        Assert.Contains(azuriteDetail, failure.Message);
        Assert.Contains("Fix: the bearer token was rejected", failure.Message);
        Assert.DoesNotContain("Storage Blob Data Contributor", failure.Message);
    }
}
