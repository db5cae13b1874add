namespace SentinelAwsIac.Connector.DeadLetter;

/// <summary>
/// Settings of the dead-letter store, bound from the "DeadLetters" section. Where dead letters go follows the checkpoint
/// store: with the Blob store they are blobs under <c>deadletter/</c> in the checkpoint container (in Azure the worker's
/// own folder is read-only); with the File store they are JSON-lines files in
/// <see cref="Directory"/>. Before this section existed the folder was the setting <c>Sink:DeadLetterPath</c>; that key
/// now stops the start with an error naming <c>DeadLetters:Directory</c>.
/// </summary>
public sealed class DeadLetterOptions
{
    /// <summary>Folder of the file dead letters (DeadLetters:Directory), used with the File checkpoint store.</summary>
    public string Directory { get; set; } = "deadletter";
}
