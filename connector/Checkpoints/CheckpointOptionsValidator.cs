using System.Net;
using Microsoft.Extensions.Options;

namespace SentinelAwsIac.Connector.Checkpoints;

/// <summary>Checks <see cref="CheckpointOptions"/> at start-up; each message names the setting and how to fix it.</summary>
public sealed class CheckpointOptionsValidator : IValidateOptions<CheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckpointOptions options)
    {
        var errors = new List<string>();
        if (options.EffectiveStore == CheckpointStoreKind.File)
        {
            if (string.IsNullOrWhiteSpace(options.Directory))
                errors.Add("Checkpoints:Directory is not set but Checkpoints:Store is File: set it to a folder the worker can write, e.g. ./checkpoints.");
            else if (options.Directory.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                errors.Add($"Checkpoints:Directory '{options.Directory}' contains characters that are not allowed in a path: fix the folder name.");
            return Result(errors);
        }

        var hasUri = !string.IsNullOrWhiteSpace(options.ContainerUri);
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (!hasUri && !hasConnectionString)
            errors.Add("Checkpoints:ContainerUri is not set: set it to the checkpoint container's URL (https://<account>.blob.core.windows.net/<container>; the stack sets it), or for a local run set Checkpoints:Store=File and Checkpoints:Directory, or Checkpoints:ConnectionString (e.g. UseDevelopmentStorage=true for Azurite).");
        if (hasUri && hasConnectionString)
            errors.Add("Checkpoints:ContainerUri and Checkpoints:ConnectionString are both set: keep ContainerUri (managed identity) or ConnectionString with Checkpoints:ContainerName (account key), not both.");

        if (hasUri)
            ValidateContainerUri(options.ContainerUri!, errors);
        if (hasConnectionString)
        {
            ValidateContainerName("Checkpoints:ContainerName", options.ContainerName, errors);
            ValidateConnectionString(options.ConnectionString!, errors);
        }
        return Result(errors);
    }

    private static void ValidateContainerUri(string text, List<string> errors)
    {
        const string Example = "https://<account>.blob.core.windows.net/<container>";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"Checkpoints:ContainerUri '{text}' is not an absolute http(s) URL: set it to {Example}.");
            return;
        }
        if (!string.IsNullOrEmpty(uri.Query))
            errors.Add("Checkpoints:ContainerUri has a query string (a SAS token?): remove it; the worker authorizes with its managed identity.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            errors.Add($"Checkpoints:ContainerUri '{uri.GetLeftPart(UriPartial.Path)}' uses http: use https ({Example}); http is allowed only for a local emulator on 127.0.0.1 or localhost.");
        var segments = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Azure: /<container>; Azurite and other IP-style endpoints: /<account>/<container> (Azure Storage REST,
        // "Resource URI syntax"; Azurite README, "path-style URL").
        var expected = IsIpStyle(uri) ? 2 : 1;
        if (segments.Length != expected)
            errors.Add($"Checkpoints:ContainerUri '{uri.GetLeftPart(UriPartial.Path)}' does not name exactly one container: set it to {Example}{(expected == 2 ? " (for an emulator: http://127.0.0.1:<port>/<account>/<container>)" : "")}.");
        else
            ValidateContainerName("Checkpoints:ContainerUri", segments[^1], errors);
    }

    /// <summary>Parsed by Azure.Storage.Blobs itself (the client the store uses). Its exception is not shown: a parser's
    /// message may quote the string, which holds the account key.</summary>
    private static void ValidateConnectionString(string connectionString, List<string> errors)
    {
        try
        {
            _ = CheckpointContainer.FromConnectionString(connectionString, CheckpointOptions.DefaultContainerName);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            errors.Add("Checkpoints:ConnectionString is not usable: Azure.Storage.Blobs cannot parse it. Fix: copy the whole connection string " +
                       "from the storage account's 'Access keys' page (DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net), " +
                       "or use UseDevelopmentStorage=true for Azurite on its default port.");
        }
    }

    /// <summary>Container names: 3–63 characters, lower-case letters, digits and single hyphens, starting and ending
    /// with a letter or digit (Azure Storage REST, "Naming and referencing containers, blobs, and metadata").</summary>
    private static void ValidateContainerName(string key, string? name, List<string> errors)
    {
        var ok = name is { Length: >= 3 and <= 63 }
                 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
                 && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
        if (!ok)
            errors.Add($"{key}: container name '{name}' is not valid: use 3–63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit (e.g. '{CheckpointOptions.DefaultContainerName}').");
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsIpStyle(Uri uri) => uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.Host == "localhost";

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
