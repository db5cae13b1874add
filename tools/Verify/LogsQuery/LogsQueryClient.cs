using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SentinelAwsIac.Verify.LogsQuery;

/// <summary>Options of <see cref="LogsQueryClient"/>: the endpoint (per cloud, <see cref="LogsQueryEndpoints"/>) and the
/// Azure.Core client options (transport, retries).</summary>
public sealed class LogsQueryClientOptions : ClientOptions
{
    public Uri Endpoint { get; set; } = new("https://api.loganalytics.io");

    /// <summary>The token audience; unset: the endpoint's origin (as in each cloud). Like the official client's
    /// LogsQueryClientOptions.Audience, it matters when the endpoint is not the cloud's own (an emulator, a proxy).</summary>
    public Uri? Audience { get; set; }
}

/// <summary>
/// A thin client of the Log Analytics query API on Azure.Core, shaped like the official Azure.Monitor.Query
/// LogsQueryClient (which this project's package source does not serve): <c>QueryWorkspaceAsync(workspaceId, query,
/// timeRange)</c> → a result whose <c>Table</c> is the primary result. Wire: <c>POST {endpoint}/v1/workspaces/{id}/query</c>,
/// JSON body <c>{"query", "timespan"}</c> (ISO 8601 duration), bearer token for the endpoint's audience (Microsoft Learn,
/// "Azure Monitor Log Analytics API request format"; REST API "Query - Execute").
/// </summary>
public sealed class LogsQueryClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public LogsQueryClient(TokenCredential credential, LogsQueryClientOptions? options = null)
    {
        options ??= new LogsQueryClientOptions();
        _endpoint = options.Endpoint;
        _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, LogsQueryEndpoints.ScopeFor(options.Audience ?? _endpoint)));
    }

    /// <summary>Runs <paramref name="query"/> over the last <paramref name="timeRange"/> of the workspace.</summary>
    /// <exception cref="RequestFailedException">The service answered an error (status, and its error code when it sent one).</exception>
    public async Task<LogsQueryResult> QueryWorkspaceAsync(string workspaceId, string query, TimeSpan timeRange, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath("/v1/workspaces/", escape: false);
        uri.AppendPath(workspaceId, escape: true);
        uri.AppendPath("/query", escape: false);
        request.Uri = uri;
        request.Headers.Add("Content-Type", "application/json");
        request.Headers.Add("Accept", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new { query, timespan = System.Xml.XmlConvert.ToString(timeRange) }));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);

        var response = message.Response;
        if (response.Status != 200)
        {
            var code = ErrorCode(response);
            throw new RequestFailedException(response.Status, $"Log Analytics query failed: {response.Status} {response.ReasonPhrase}{(code is null ? "" : $" ({code})")}", code, null);
        }

        using var body = await JsonDocument.ParseAsync(response.ContentStream!, cancellationToken: cancellationToken).ConfigureAwait(false);
        return LogsQueryResult.Parse(body.RootElement);
    }

    private static string? ErrorCode(Response response)
    {
        try
        {
            using var doc = JsonDocument.Parse(response.Content.ToMemory());
            return doc.RootElement.TryGetProperty("error", out var e) && e.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
