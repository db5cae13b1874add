namespace SentinelAwsIac.Connector.Core;

/// <summary>One unit of reading: an AWS account in one region. LookupEvents limits apply per partition.</summary>
public readonly record struct PartitionKey(string AccountId, string Region)
{
    public override string ToString() => $"{AccountId}/{Region}";

    public static PartitionKey Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
            throw new FormatException($"'{text}' is not a partition: expected '<accountId>/<region>'.");
        return new PartitionKey(text[..slash], text[(slash + 1)..]);
    }
}
