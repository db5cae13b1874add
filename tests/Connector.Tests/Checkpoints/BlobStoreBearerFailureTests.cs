using Azure;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Tests.Azurite;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>
/// The production authorization path (a <see cref="Azure.Core.TokenCredential"/> such as the worker's managed identity)
/// through Azure.Storage.Blobs against Azurite with <c>--oauth basic</c> over HTTPS, which rejects tokens with a wrong
/// issuer, audience or lifetime: the store's error names the status, the code, the service's detail and the token fix.
/// </summary>
[Collection(AzuriteOAuthCollection.Name)]
public sealed class BlobStoreBearerFailureTests(AzuriteOAuthFixture azurite)
{
    private static readonly PartitionKey East = new("123456789012", "us-east-1");
    private static readonly PartitionCheckpoint Checkpoint = new() { Watermark = DateTimeOffset.UnixEpoch };

    [Fact]
    public async Task An_expired_token_is_rejected_with_the_services_detail_and_the_token_fix()
    {
        var store = new BlobCheckpointStore(azurite.NewContainer(new UnsignedJwtCredential { Lifetime = TimeSpan.FromMinutes(-10) }, out var wire));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => store.WriteAsync(East, Checkpoint, null, CancellationToken.None));

        AssertTokenRejected(failure, "The token is expired.");
        Assert.All(wire.Schemes, scheme => Assert.Equal("Bearer", scheme));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_rejected()
    {
        var store = new BlobCheckpointStore(azurite.NewContainer(new UnsignedJwtCredential { Audience = "https://monitor.azure.com" }, out _));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => store.ReadAsync(East, CancellationToken.None));

        AssertTokenRejected(failure, "Invalid token audience.");
    }

    [Fact]
    public async Task A_token_from_a_non_Entra_issuer_is_rejected()
    {
        var store = new BlobCheckpointStore(azurite.NewContainer(new UnsignedJwtCredential { Issuer = "https://login.example.com/tenant/" }, out _));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => store.ListAsync(CancellationToken.None));

        AssertTokenRejected(failure, "Invalid token issuer.");
    }

    /// <summary>Azurite answers a rejected token with 403 AuthenticationFailed and an AuthenticationErrorDetail (Azure answers
    /// 401 InvalidAuthenticationInfo); the message carries Azurite's exact text (BlobTokenAuthenticator.js) and the token
    /// fix, not the role-assignment one.</summary>
    private static void AssertTokenRejected(RequestFailedException failure, string azuriteDetail)
    {
        Assert.Equal(403, failure.Status);
        Assert.Equal("AuthenticationFailed", failure.ErrorCode);
        Assert.Contains("403 (AuthenticationFailed)", failure.Message);
        Assert.Contains(azuriteDetail, failure.Message);
        Assert.Contains("Fix: the bearer token was rejected", failure.Message);
        Assert.DoesNotContain("Storage Blob Data Contributor", failure.Message);
    }
}
