using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>
/// Turns a failed Blob storage call into one line an operator can act on: what failed and where, the status and
/// error code, the service's own message (and its <c>AuthenticationErrorDetail</c>: why a key or token was refused),
/// and the fix. The container is named without its query, which may hold a SAS.
/// </summary>
internal static class BlobStorageFailure
{
    private const string TokenRejectedHint =
        " Fix: the bearer token was rejected (the detail says why: lifetime, audience or issuer); check the credential's identity and tenant, " +
        "that the token is for the storage audience of the container's cloud (https://storage.azure.com, .us or .cn), and this machine's clock.";

    public static RequestFailedException Explain(RequestFailedException failure, BlobContainerClient container, string operation)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(container);
        var code = failure.ErrorCode;
        var detail = ServiceMessage(failure);
        // A client built with Shared Key (a connection string's account key) is the one that can sign a SAS.
        var sharedKey = container.CanGenerateSasUri;
        var hint = failure.Status switch
        {
            // A bad Shared Key signature is 403 AuthenticationFailed on Azure, 403 AuthorizationFailure on Azurite.
            403 when sharedKey => " Fix: the account key in Checkpoints:ConnectionString does not match the account (copy the connection string again), or this machine's clock is more than 15 minutes off.",
            // A rejected bearer token (expired, wrong audience or issuer) is 401 InvalidAuthenticationInfo on Azure and
            // 403 AuthenticationFailed on Azurite (its BlobTokenAuthenticator); a missing role is 403 AuthorizationPermissionMismatch.
            401 or 403 when code is "InvalidAuthenticationInfo" or "AuthenticationFailed" => TokenRejectedHint,
            403 => " Fix: grant the worker's identity 'Storage Blob Data Contributor' on the storage account or container (role assignments can take minutes to apply).",
            401 => TokenRejectedHint,
            404 when code == BlobErrorCode.ContainerNotFound.ToString() => " Fix: create the container, or check Checkpoints:ContainerUri / Checkpoints:ContainerName.",
            400 when code is "InvalidHeaderValue" or "UnsupportedHeader" =>
                $" Fix: the service does not accept the request's x-ms-version (the worker sends {CheckpointBlobClientOptions.ServiceVersionHeader}, pinned in connector/Checkpoints/CheckpointBlobClientOptions.cs); an emulator needs a release that knows that version.",
            _ => "",
        };
        var where = container.Uri.GetLeftPart(UriPartial.Path);
        return new RequestFailedException(failure.Status,
            $"Blob storage could not {operation} in container {where}: {failure.Status} ({code ?? "no error code"}){(detail is null ? "" : ": " + detail)}.{hint}",
            code, failure);
    }

    /// <summary>The error body's &lt;Message&gt; (first line: the rest is RequestId and Time) and its
    /// &lt;AuthenticationErrorDetail&gt; when present (Azure Storage REST, "Status and error codes").</summary>
    private static string? ServiceMessage(RequestFailedException failure)
    {
        try
        {
            var text = failure.GetRawResponse()?.Content?.ToString();
            if (string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('<')) return null;
            var root = XDocument.Parse(text).Root;
            var message = root?.Element("Message")?.Value.Split('\n')[0].Trim();
            var detail = root?.Element("AuthenticationErrorDetail")?.Value.Split('\n')[0].Trim();
            var joined = string.IsNullOrEmpty(detail) ? message : $"{message} {detail}".Trim();
            return string.IsNullOrEmpty(joined) ? null : joined.TrimEnd('.');
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
