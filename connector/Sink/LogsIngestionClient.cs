using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// A thin client of the Azure Monitor Logs Ingestion API on Azure.Core, shaped like Azure.Monitor.Ingestion's
/// <c>LogsIngestionClient</c> (which this project's NuGet registry does not serve) so that swapping it in later
/// is a small change. It sends one body per call; batching lives in <see cref="BatchingSink"/>, splitting and retries in <see cref="UploadRetryDriver"/>.
/// Protocol: <c>POST {endpoint}/dataCollectionRules/{ruleId}/streams/{stream}?api-version=2023-01-01</c>, JSON array
/// body, optional <c>Content-Encoding: gzip</c>, bearer token for <c>&lt;audience&gt;//.default</c>, success 204
/// (docs/facts.md "Logs Ingestion: answers and what they mean").
/// </summary>
public class LogsIngestionClient
{
    private readonly string _apiVersion;

    /// <summary>For mocking.</summary>
    protected LogsIngestionClient()
    {
        Endpoint = null!;
        Pipeline = null!;
        _apiVersion = null!;
    }

    public LogsIngestionClient(Uri endpoint, TokenCredential credential) : this(endpoint, credential, null)
    {
    }

    /// <param name="endpoint">The data collection endpoint's logs ingestion URL, e.g. https://my-dce-abcd.westeurope-1.ingest.monitor.azure.com.</param>
    /// <param name="credential">Entra ID credential allowed to send to the rule ("Monitoring Metrics Publisher" on the DCR).</param>
    public LogsIngestionClient(Uri endpoint, TokenCredential credential, LogsIngestionClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"The Logs Ingestion endpoint '{endpoint}' must be an absolute https URL (the DCE's logs ingestion endpoint).", nameof(endpoint));
        options ??= new LogsIngestionClientOptions();
        Endpoint = endpoint;
        _apiVersion = options.Version;
        var audience = options.Audience ?? LogsIngestionAudience.AzurePublicCloud;
        Pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, audience.Scope));
    }

    public virtual Uri Endpoint { get; }

    /// <summary>The HTTP pipeline (authentication, retry, logging, transport).</summary>
    public virtual HttpPipeline Pipeline { get; }

    /// <summary>Uploads one body (a JSON array of objects, gzip-compressed when <paramref name="contentEncoding"/> is "gzip").</summary>
    /// <returns>The 204 response.</returns>
    /// <exception cref="RequestFailedException">Any other status; its message names the rule, the stream, the status and the service's error code and message.</exception>
    public virtual Task<Response> UploadAsync(string ruleId, string streamName, RequestContent content, string? contentEncoding, CancellationToken cancellationToken) =>
        UploadAsync(ruleId, streamName, content, contentEncoding, new RequestContext { CancellationToken = cancellationToken });

    /// <summary>The protocol method, as in Azure.Monitor.Ingestion: with <see cref="ErrorOptions.NoThrow"/> in
    /// <paramref name="context"/> it returns error responses instead of throwing.</summary>
    public virtual async Task<Response> UploadAsync(string ruleId, string streamName, RequestContent content, string? contentEncoding = null, RequestContext? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentNullException.ThrowIfNull(content);

        // The message is not disposed: that would dispose the response handed to the caller (Azure.Core buffers its content).
        var message = CreateUploadMessage(ruleId, streamName, content, contentEncoding, context);
        await Pipeline.SendAsync(message, context?.CancellationToken ?? CancellationToken.None).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 204 || (context?.ErrorOptions & ErrorOptions.NoThrow) == ErrorOptions.NoThrow)
            return response;
        throw CreateException(ruleId, streamName, response);
    }

    private HttpMessage CreateUploadMessage(string ruleId, string streamName, RequestContent content, string? contentEncoding, RequestContext? context)
    {
        var message = context is null ? Pipeline.CreateMessage() : Pipeline.CreateMessage(context);
        var request = message.Request;
        request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(Endpoint);
        uri.AppendPath("/dataCollectionRules/", escape: false);
        uri.AppendPath(ruleId, escape: true);
        uri.AppendPath("/streams/", escape: false);
        uri.AppendPath(streamName, escape: true);
        uri.AppendQuery("api-version", _apiVersion, escapeValue: true);
        request.Uri = uri;
        request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        if (!string.IsNullOrEmpty(contentEncoding))
            request.Headers.Add("Content-Encoding", contentEncoding);
        request.Content = content;
        return message;
    }

    private static RequestFailedException CreateException(string ruleId, string streamName, Response response)
    {
        var error = IngestionError.From(response);
        return new RequestFailedException(response.Status,
            $"Logs Ingestion upload to rule '{ruleId}', stream '{streamName}' failed: {error}.{error.Fix}",
            error.Code, innerException: null);
    }
}
