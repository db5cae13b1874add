using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace SentinelAwsIac.Connector.Source;

/// <summary>
/// A thin CloudTrail LookupEvents client: AWS JSON 1.1 over <c>POST /</c>, signed with SigV4 by AWSSDK.Core's
/// public <see cref="AWSSigV4Signer"/>. Facts: botocore cloudtrail/2013-11-01/service-2.json, API_LookupEvents.
/// </summary>
public sealed class LookupEventsClient : ILookupEventsClient, IDisposable
{
    private readonly LookupEventsClientOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _endpoint;
    private readonly RegionEndpoint _region;

    public LookupEventsClient(LookupEventsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, nameof(options.Region));
        ArgumentNullException.ThrowIfNull(options.Credentials, nameof(options.Credentials));
        _options = options;
        _endpoint = options.Endpoint ?? CloudTrailEndpoints.ForRegion(options.Region);
        _region = RegionEndpoint.GetBySystemName(options.Region);
        if (options.HttpClient is { } shared)
        {
            _http = shared;
        }
        else
        {
            _http = options.Handler is null ? new HttpClient() : new HttpClient(options.Handler, disposeHandler: false);
            _http.Timeout = options.Timeout;
            _ownsHttp = true;
        }
    }

    public string Region => _options.Region;

    public async Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.MaxResults is < 1 or > Contracts.CloudTrailLimits.MaxResults)
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxResults, $"MaxResults must be 1–{Contracts.CloudTrailLimits.MaxResults} (API_LookupEvents).");
        if (request.LookupAttributes.Count > 1)
            throw new ArgumentException("LookupEvents accepts at most one lookup attribute (API_LookupEvents).", nameof(request));

        var body = LookupEventsJson.WriteRequest(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        await SignAsync(message, body, cancellationToken).ConfigureAwait(false);

        // The body is read into a pooled buffer, parsed, and the buffer returned: a page is 100–200 KB, and a new array
        // per page (ReadAsByteArrayAsync) lands on the large object heap, where it forces full collections.
        // HttpClient.Timeout covers only the headers with ResponseHeadersRead; the same timeout is applied to the body.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_http.Timeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(_http.Timeout);
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        var (buffer, length) = await ReadBodyAsync(response.Content, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            var payload = new ReadOnlyMemory<byte>(buffer, 0, length);
            if (response.StatusCode != HttpStatusCode.OK)
                throw LookupEventsJson.ReadError(payload, response.StatusCode, requestId, _options.Region, response.Headers);
            var result = LookupEventsJson.ReadResponse(payload.Span);
            result.RequestId = requestId;
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads the whole body into an array rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.
    /// Failures are reported as HttpClient reports them when it buffers the body itself: <see cref="HttpRequestException"/>
    /// for a broken transfer, <see cref="TaskCanceledException"/> with a <see cref="TimeoutException"/> for the timeout.</summary>
    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(expected is > 0 and < int.MaxValue ? (int)expected.Value + 1 : 64 * 1024);
        var length = 0;
        try
        {
            using var stream = await content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token).ConfigureAwait(false);
                if (read == 0) break;
                length += read;
            }
            return (buffer, length);
        }
        catch (Exception e)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (e is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw new TaskCanceledException($"The CloudTrail LookupEvents response in {_options.Region} was not read within {_http.Timeout.TotalSeconds} s (HttpClient.Timeout).", new TimeoutException(e.Message, e));
            if (e is IOException)
                throw new HttpRequestException($"Reading the CloudTrail LookupEvents response in {_options.Region} failed: {e.Message}", e);
            throw;
        }
    }

    private async Task SignAsync(HttpRequestMessage message, byte[] body, CancellationToken cancellationToken)
    {
        // Resolve (and if needed refresh) the credentials asynchronously, then sign with a fixed snapshot.
        var resolved = await _options.Credentials.GetCredentialsAsync().ConfigureAwait(false);
        AWSCredentials snapshot = resolved.UseToken
            ? new SessionAWSCredentials(resolved.AccessKey, resolved.SecretKey, resolved.Token)
            : new BasicAWSCredentials(resolved.AccessKey, resolved.SecretKey);

        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = _endpoint, Content = body };
        signing.Headers["X-Amz-Target"] = CloudTrailEndpoints.LookupEventsTarget;
        signing.Headers["Content-Type"] = CloudTrailEndpoints.JsonContentType;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = snapshot,
            Region = _region,
            Service = CloudTrailEndpoints.SigningName,
            SignPayload = true,
            SignedAt = _options.TimeProvider.GetUtcNow().UtcDateTime,
        };
        var signed = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken).ConfigureAwait(false);

        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(CloudTrailEndpoints.JsonContentType);
        foreach (var (name, value) in signing.Headers.Concat(signed.Headers))
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                continue; // Content-Type is set on the content above; Host comes from the URI, as signed.
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation("Authorization", value);
            else
                message.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
