using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace SentinelAwsIac.Connector.Source.Credentials;

/// <summary>Makes AmazonSecurityTokenServiceClient instances: regional endpoint by default, or an override
/// (tests, VPC endpoints). Region and endpoint are the only knobs the worker needs.</summary>
public sealed class StsClientFactory(string region, Uri? serviceUrl = null, HttpClientFactory? httpClientFactory = null)
{
    public IAmazonSecurityTokenService Create(AWSCredentials credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        if (httpClientFactory is not null) config.HttpClientFactory = httpClientFactory;
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }
}
