namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>The partition cannot be read now (disabled region, refused session); it waits and tries again.</summary>
public sealed class PartitionParkedException(string message, Exception inner) : Exception(message, inner);
