using System.Net;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Tests.Azurite;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>
/// The requests Azure.Storage.Blobs makes with the worker's options, seen on the wire (a transport that answers like
/// Create Container): the pinned x-ms-version, and the token scope of the container's cloud. Azurite accepts only the
/// public audience, so the sovereign clouds are checked here rather than against a service.
/// </summary>
public sealed class CheckpointBlobClientOptionsTests
{
    [Theory]
    [InlineData("https://acme.blob.core.windows.net/checkpoints", "https://storage.azure.com/.default")]
    [InlineData("https://acme.blob.core.usgovcloudapi.net/checkpoints", "https://storage.azure.us/.default")]
    [InlineData("https://acme.blob.core.chinacloudapi.cn/checkpoints", "https://storage.azure.cn/.default")]
    [InlineData("https://127.0.0.1:10000/devstoreaccount1/checkpoints", "https://storage.azure.com/.default")] // an emulator: the package's default
    public async Task A_container_asks_for_a_token_of_its_clouds_storage_audience_and_sends_the_pinned_version(string containerUri, string scope)
    {
        var uri = new Uri(containerUri);
        var credential = new UnsignedJwtCredential();
        var wire = new CapturingHandler();
        var options = CheckpointBlobClientOptions.For(uri);
        options.Transport = new HttpClientTransport(wire);
        options.Retry.MaxRetries = 0;

        await new BlobContainerClient(uri, credential, options).CreateIfNotExistsAsync();

        Assert.Equal([scope], Assert.Single(credential.Requests));
        var request = Assert.Single(wire.Requests);
        Assert.Equal(uri.Host, request.Host);
        Assert.Equal("Bearer", request.Scheme);
        Assert.Equal(CheckpointBlobClientOptions.ServiceVersionHeader, request.Version);
    }

    [Fact]
    public void Each_cloud_is_found_by_its_blob_host_and_other_hosts_by_none()
    {
        Assert.Equal(AzureCloud.Public, AzureCloud.OfBlobHost("acme.blob.core.windows.net"));
        Assert.Equal(AzureCloud.UsGovernment, AzureCloud.OfBlobHost("ACME.blob.core.usgovcloudapi.net"));
        Assert.Equal(AzureCloud.China, AzureCloud.OfBlobHost("acme.blob.core.chinacloudapi.cn"));
        Assert.Null(AzureCloud.OfBlobHost("acme.queue.core.windows.net"));
        Assert.Null(AzureCloud.OfBlobHost("127.0.0.1"));
        Assert.Null(AzureCloud.OfBlobHost("blob.core.windows.net.example.com"));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(string Host, string? Scheme, string? Version)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.Host, request.Headers.Authorization?.Scheme,
                request.Headers.TryGetValues("x-ms-version", out var v) ? v.Single() : null));
            var response = new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent([]) };
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0x1\"");
            return Task.FromResult(response);
        }
    }
}
