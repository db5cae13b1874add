using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>The official SQS and S3 clients for the S3 source, in the queue's region, with the reader's credentials;
/// an endpoint override (<see cref="S3SourceOptions.ServiceUrl"/>) points both at an emulator, S3 then by path style.</summary>
public static class S3SourceClients
{
    public static IAmazonSQS CreateSqs(S3SourceOptions options, AWSCredentials credentials)
    {
        var config = new AmazonSQSConfig();
        Configure(config, options);
        return new AmazonSQSClient(credentials, config);
    }

    public static IAmazonS3 CreateS3(S3SourceOptions options, AWSCredentials credentials)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ServiceUrl is not null };
        Configure(config, options);
        return new AmazonS3Client(credentials, config);
    }

    private static void Configure(ClientConfig config, S3SourceOptions options)
    {
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
    }
}
