using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SentinelAwsIac.Connector.Storage;

/// <summary>
/// A thin client for one Azure Blob container over Azure.Core's <see cref="HttpPipeline"/> (retries, logging,
/// transport), shaped like Azure.Storage.Blobs' class of the same name so the official package can replace it
/// (Azure.Storage.Blobs does not restore in this project's registry). Block blobs only; the operations are the
/// Blob service REST API's Create Container, Get Blob, Put Blob, List Blobs and Delete Blob.
/// Authorization: a bearer token (<see cref="TokenCredential"/>, e.g. a managed identity with "Storage Blob Data
/// Contributor") or Shared Key (an account key, e.g. Azurite's development account).
/// </summary>
public class BlobContainerClient
{
    private readonly HttpPipeline _pipeline;
    private readonly string _version;
    private readonly bool _sharedKey;

    /// <param name="containerUri">e.g. https://account.blob.core.windows.net/checkpoints, or Azurite's
    /// http://127.0.0.1:10000/devstoreaccount1/checkpoints.</param>
    public BlobContainerClient(Uri containerUri, TokenCredential credential, BlobClientOptions? options = null)
        : this(containerUri, options ??= new BlobClientOptions(),
            new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), options.TokenScope))
    {
    }

    public BlobContainerClient(Uri containerUri, StorageSharedKeyCredential credential, BlobClientOptions? options = null)
        : this(containerUri, options ?? new BlobClientOptions(),
            new StorageSharedKeyPolicy(credential ?? throw new ArgumentNullException(nameof(credential))))
    {
    }

    /// <summary>From a connection string with an account key (or <c>UseDevelopmentStorage=true</c>).</summary>
    public BlobContainerClient(string connectionString, string blobContainerName, BlobClientOptions? options = null)
        : this(FromConnectionString(connectionString, blobContainerName, out var credential), credential, options)
    {
    }

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
        _pipeline = null!;
        _version = null!;
        Uri = null!;
        Name = null!;
    }

    private BlobContainerClient(Uri containerUri, BlobClientOptions options, HttpPipelinePolicy authorization)
    {
        ArgumentNullException.ThrowIfNull(containerUri);
        if (!containerUri.IsAbsoluteUri)
            throw new ArgumentException($"Container URI '{containerUri}' is not absolute: expected e.g. https://<account>.blob.core.windows.net/<container>.", nameof(containerUri));
        Uri = new Uri(containerUri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        Name = Uri.Segments[^1];
        _version = options.Version;
        _sharedKey = authorization is StorageSharedKeyPolicy;
        _pipeline = HttpPipelineBuilder.Build(options,
            perCallPolicies: [new VersionPolicy(_version)],
            perRetryPolicies: [new DatePolicy(), authorization],
            new ResponseClassifier());
    }

    public virtual Uri Uri { get; }

    public virtual string Name { get; }

    /// <summary>Create Container unless it exists. Returns true when this call created it.</summary>
    public virtual async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, null, ("restype", "container"));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 201) return true;
        if (response.Status == 409 && ErrorCode(response) == "ContainerAlreadyExists") return false;
        throw Failure(message, "create the container");
    }

    /// <summary>Get Blob. Returns null when the blob (or the container) does not exist.</summary>
    public virtual async Task<BlobDownloadResult?> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, blobName);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404) return null;
        if (response.Status != 200) throw Failure(message, $"download blob '{blobName}'");
        return new BlobDownloadResult(response.Content, ETagOf(response));
    }

    /// <summary>
    /// Put Blob (block blob, whole content). <paramref name="conditions"/>: <c>IfMatch</c> = the ETag read
    /// (overwrite only that version), <c>IfNoneMatch</c> = <see cref="ETag.All"/> (create only). A lost condition
    /// throws <see cref="BlobConditionFailedException"/>. Returns the new ETag.
    /// </summary>
    public virtual async Task<ETag> UploadAsync(string blobName, BinaryData content, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var message = CreateMessage(RequestMethod.Put, blobName);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob"); // Put Blob: required, BlockBlob|PageBlob|AppendBlob
        message.Request.Headers.SetValue("Content-Type", "application/json");
        ApplyConditions(message.Request, conditions);
        message.Request.Content = RequestContent.Create(content);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 201) return ETagOf(response);
        throw ConditionFailure(message, blobName) ?? Failure(message, $"upload blob '{blobName}'");
    }

    /// <summary>Delete Blob. Returns false when it did not exist; a lost If-Match throws <see cref="BlobConditionFailedException"/>.</summary>
    public virtual async Task<bool> DeleteIfExistsAsync(string blobName, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, blobName);
        ApplyConditions(message.Request, conditions);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 202) return true;
        if (response.Status == 404) return false;
        throw ConditionFailure(message, blobName) ?? Failure(message, $"delete blob '{blobName}'");
    }

    /// <summary>List Blobs whose names start with <paramref name="prefix"/>, following NextMarker page by page.</summary>
    public virtual AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new BlobPageable(this, prefix, cancellationToken);

    /// <summary>One List Blobs call. A missing container lists as empty.</summary>
    internal async Task<Page<BlobItem>> ListPageAsync(string? prefix, string? marker, int? maxResults, CancellationToken cancellationToken)
    {
        var query = new List<(string, string)> { ("restype", "container"), ("comp", "list") };
        if (!string.IsNullOrEmpty(prefix)) query.Add(("prefix", prefix));
        if (!string.IsNullOrEmpty(marker)) query.Add(("marker", marker));
        if (maxResults is { } max) query.Add(("maxresults", max.ToString(CultureInfo.InvariantCulture)));
        using var message = CreateMessage(RequestMethod.Get, null, [.. query]);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404 && ErrorCode(response) == "ContainerNotFound")
            return Page<BlobItem>.FromValues([], null, response);
        if (response.Status != 200) throw Failure(message, "list blobs");

        var root = XDocument.Parse(response.Content.ToString()).Root
                   ?? throw new RequestFailedException(response.Status, "List Blobs answered an empty XML document.");
        var items = root.Element("Blobs")?.Elements("Blob").Select(ParseItem).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }

    private static BlobItem ParseItem(XElement blob)
    {
        var properties = blob.Element("Properties");
        var etag = properties?.Element("Etag")?.Value;
        var modified = properties?.Element("Last-Modified")?.Value;
        var length = properties?.Element("Content-Length")?.Value;
        return new BlobItem(
            blob.Element("Name")?.Value ?? "",
            etag is null ? default : new ETag(etag),
            modified is null ? null : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            length is null ? null : long.Parse(length, CultureInfo.InvariantCulture));
    }

    private HttpMessage CreateMessage(RequestMethod method, string? blobName, params (string Name, string Value)[] query)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var uri = new RequestUriBuilder();
        uri.Reset(Uri);
        if (blobName is not null)
        {
            ValidateBlobName(blobName);
            foreach (var segment in blobName.Split('/'))
            {
                uri.AppendPath("/", escape: false);
                uri.AppendPath(segment, escape: true); // per segment, so '/' stays a separator and is not sent as %2F
            }
        }
        foreach (var (name, value) in query)
            uri.AppendQuery(name, value, escapeValue: true);
        request.Uri = uri;
        return message;
    }

    private static void ValidateBlobName(string blobName)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024 || blobName.StartsWith('/') || blobName.Contains('\\') || blobName.Contains("//", StringComparison.Ordinal))
            throw new ArgumentException($"'{blobName}' is not a blob name we write: 1–1024 characters, '/'-separated, no empty segment or backslash.", nameof(blobName));
    }

    private static void ApplyConditions(Request request, RequestConditions? conditions)
    {
        if (conditions is null) return;
        if (conditions.IfMatch is { } ifMatch) request.Headers.SetValue("If-Match", ifMatch.ToString("H"));
        if (conditions.IfNoneMatch is { } ifNoneMatch) request.Headers.SetValue("If-None-Match", ifNoneMatch.ToString("H"));
        if (conditions.IfModifiedSince is { } since) request.Headers.SetValue("If-Modified-Since", since.ToString("r", CultureInfo.InvariantCulture));
        if (conditions.IfUnmodifiedSince is { } until) request.Headers.SetValue("If-Unmodified-Since", until.ToString("r", CultureInfo.InvariantCulture));
    }

    private static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? throw new RequestFailedException(response.Status, "Blob storage answered without an ETag header.");

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : null;

    /// <summary>412 (If-Match lost) or 409 BlobAlreadyExists (If-None-Match: * lost) as a typed conflict.</summary>
    private static BlobConditionFailedException? ConditionFailure(HttpMessage message, string blobName)
    {
        var response = message.Response;
        var code = ErrorCode(response);
        if (response.Status == 412 || (response.Status == 409 && code == "BlobAlreadyExists"))
            return new BlobConditionFailedException(blobName, response.Status, code,
                $"Blob '{blobName}' in container '{message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path)}' did not meet the write condition " +
                $"({response.Status} {code}): it was changed or created by another writer since it was read.");
        return null;
    }

    /// <summary>Any other status: a <see cref="RequestFailedException"/> that says what failed and how to fix it.</summary>
    private RequestFailedException Failure(HttpMessage message, string operation)
    {
        var response = message.Response;
        var code = ErrorCode(response);
        var detail = ServiceMessage(response);
        var target = message.Request.Uri.ToUri().GetLeftPart(UriPartial.Path); // never the query (it may hold a SAS)
        var hint = response.Status switch
        {
            // A bad Shared Key signature is 403 AuthenticationFailed on Azure, 403 AuthorizationFailure on Azurite.
            403 when _sharedKey => " Fix: the account key does not match the account (check the key or connection string), or this machine's clock is more than 15 minutes off.",
            // A rejected bearer token (expired, wrong audience or issuer) is 401 InvalidAuthenticationInfo on Azure and
            // 403 AuthenticationFailed on Azurite (its BlobTokenAuthenticator); a missing role is 403 AuthorizationPermissionMismatch.
            401 or 403 when code is "InvalidAuthenticationInfo" or "AuthenticationFailed" => TokenRejectedHint,
            403 => " Fix: grant the worker's identity 'Storage Blob Data Contributor' on the storage account or container (role assignments can take minutes to apply).",
            401 => TokenRejectedHint,
            404 when code == "ContainerNotFound" => " Fix: create the container, or check Checkpoints:ContainerUri.",
            400 when code is "InvalidHeaderValue" or "UnsupportedHeader" => " Fix: the service does not accept x-ms-version; set BlobClientOptions.Version to a version it supports.",
            _ => "",
        };
        return new RequestFailedException(response.Status,
            $"Blob storage could not {operation} at {target}: {response.Status} {response.ReasonPhrase} ({code ?? "no error code"}){(detail is null ? "" : ": " + detail)}.{hint}",
            code, null);
    }

    private const string TokenRejectedHint =
        " Fix: the bearer token was rejected (the detail says why: lifetime, audience or issuer); check the credential's identity and tenant, " +
        "that BlobClientOptions.TokenScope is https://storage.azure.com/.default, and this machine's clock.";

    /// <summary>The &lt;Message&gt; of a storage error body, first line only, and its &lt;AuthenticationErrorDetail&gt;
    /// when present (authentication failures: why the signature or token was refused).</summary>
    private static string? ServiceMessage(Response response)
    {
        try
        {
            var text = response.Content?.ToString();
            if (string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('<')) return null;
            var root = XDocument.Parse(text).Root;
            var message = root?.Element("Message")?.Value.Split('\n')[0].Trim();
            var detail = root?.Element("AuthenticationErrorDetail")?.Value.Split('\n')[0].Trim();
            return string.IsNullOrEmpty(detail) ? message : $"{message} {detail}".Trim();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static Uri FromConnectionString(string connectionString, string blobContainerName, out StorageSharedKeyCredential credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobContainerName);
        var parsed = StorageConnectionString.Parse(connectionString);
        credential = parsed.Credential;
        return new Uri(parsed.BlobEndpoint.AbsoluteUri.TrimEnd('/') + "/" + blobContainerName);
    }

    /// <summary>x-ms-date on every attempt, whatever the authorization (Azure Storage REST, "Versioning" and
    /// "Authorize with Microsoft Entra ID": requests carry x-ms-version and x-ms-date).</summary>
    private sealed class DatePolicy : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
    }

    private sealed class VersionPolicy(string version) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue("x-ms-version", version);
    }

    private sealed class BlobPageable(BlobContainerClient client, string? prefix, CancellationToken cancellationToken) : AsyncPageable<BlobItem>
    {
        public override async IAsyncEnumerable<Page<BlobItem>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            var marker = continuationToken;
            do
            {
                var page = await client.ListPageAsync(prefix, marker, pageSizeHint, cancellationToken).ConfigureAwait(false);
                yield return page;
                marker = page.ContinuationToken;
            } while (marker is not null);
        }
    }
}
