using Amazon.Runtime;

namespace SentinelAwsIac.Connector.Source;

/// <summary>Makes the per-region LookupEvents clients of the partitions.</summary>
public interface ILookupEventsClientFactory
{
    ILookupEventsClient Create(string region);
}

/// <summary>Clients signed with the reader role's credentials, sharing one HttpClient.</summary>
public sealed class LookupEventsClientFactory(AWSCredentials readerCredentials, Uri? endpoint, HttpClient? httpClient = null) : ILookupEventsClientFactory
{
    private readonly HttpClient _http = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

    public ILookupEventsClient Create(string region) => new LookupEventsClient(new LookupEventsClientOptions
    {
        Region = region,
        Credentials = readerCredentials,
        Endpoint = endpoint,
        HttpClient = _http,
    });
}
