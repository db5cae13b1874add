namespace SentinelAwsIac.Connector.Storage;

/// <summary>A storage account name and key for Shared Key authorization (shaped like Azure.Storage's class of the
/// same name). The key never appears in <see cref="ToString"/>, messages or logs.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The account key of storage account '{accountName}' is not base64: copy it again from the storage account's 'Access keys' page (or the connection string).", nameof(accountKey));
        }
    }

    public string AccountName { get; }

    internal byte[] Key => _key;

    public override string ToString() => $"StorageSharedKeyCredential({AccountName})";
}
