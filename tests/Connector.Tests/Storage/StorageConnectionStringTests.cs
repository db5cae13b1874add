using SentinelAwsIac.Connector.Storage;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Storage;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Development_storage_is_azurites_default_endpoint_and_account()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal("devstoreaccount1", parsed.Credential.AccountName);
    }

    [Fact]
    public void Account_name_and_suffix_make_the_blob_endpoint()
    {
        var parsed = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=AAAA;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://acme.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
    }

    [Fact]
    public void An_explicit_blob_endpoint_wins()
    {
        var parsed = StorageConnectionString.Parse("AccountName=devstoreaccount1;AccountKey=AAAA;BlobEndpoint=http://127.0.0.1:5555/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:5555/devstoreaccount1"), parsed.BlobEndpoint);
    }

    [Theory]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=2020&sig=SECRETSIG", "SharedAccessSignature")]
    [InlineData("AccountName=acme;EndpointSuffix=core.windows.net", "AccountKey")]
    [InlineData("AccountName=acme;AccountKey=not*base64SECRET", "not base64")]
    [InlineData("garbage", "Name=value")]
    public void A_bad_connection_string_says_why_without_echoing_secrets(string connectionString, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => StorageConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("SECRET", error.Message);
    }
}
