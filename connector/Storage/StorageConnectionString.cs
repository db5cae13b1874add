namespace SentinelAwsIac.Connector.Storage;

/// <summary>
/// An Azure Storage connection string with an account key (Azure Storage docs, "Configure Azure Storage connection
/// strings"): <c>AccountName</c>, <c>AccountKey</c>, and either <c>BlobEndpoint</c> or
/// <c>DefaultEndpointsProtocol</c> + <c>EndpointSuffix</c>; or <c>UseDevelopmentStorage=true</c> for Azurite's
/// defaults. SAS connection strings are not supported.
/// </summary>
internal sealed record StorageConnectionString(Uri BlobEndpoint, StorageSharedKeyCredential Credential)
{
    /// <summary>Azurite's well-known development account and key (Azurite README, "Default storage account";
    /// the same pair is in Azurite's src/blob/utils/constants.ts). Public, not a secret.</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=');
            if (eq <= 0)
                throw new FormatException("The storage connection string has a part that is not 'Name=value'. Expected e.g. 'DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net'.");
            parts[segment[..eq]] = segment[(eq + 1)..];
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var endpoint = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy) ? proxy.TrimEnd('/') : "http://127.0.0.1:10000";
            return new(new Uri($"{endpoint}/{DevelopmentAccountName}"), new(DevelopmentAccountName, DevelopmentAccountKey));
        }

        if (parts.ContainsKey("SharedAccessSignature"))
            throw new FormatException("Storage connection strings with a SharedAccessSignature are not supported: use one with AccountName and AccountKey, or no connection string and a managed identity (Checkpoints:ContainerUri).");
        if (!parts.TryGetValue("AccountName", out var account) || !parts.TryGetValue("AccountKey", out var key))
            throw new FormatException("The storage connection string lacks AccountName or AccountKey: copy the full connection string from the storage account's 'Access keys' page.");

        Uri blobEndpoint;
        if (parts.TryGetValue("BlobEndpoint", out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out blobEndpoint!))
                throw new FormatException($"BlobEndpoint '{explicitEndpoint}' in the storage connection string is not an absolute URI.");
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            blobEndpoint = new Uri($"{protocol}://{account}.blob.{suffix}");
        }
        return new(blobEndpoint, new StorageSharedKeyCredential(account, key));
    }
}
