using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// The sink accepts rows from every partition, batches them up to the 1 MB limit, uploads, and acknowledges
/// each record after the upload that carried it succeeded (or after it was dead-lettered). It applies back
/// pressure: <see cref="SendAsync"/> waits when too much is buffered.
/// </summary>
public interface ISink : IAsyncDisposable
{
    ValueTask SendAsync(SinkRecord record, CancellationToken cancellationToken);

    /// <summary>Uploads whatever is buffered and waits until every upload started so far has finished.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
