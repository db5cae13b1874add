using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Pipeline;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>
/// What a process kill does to the outside world, in-process: from <see cref="Kill"/> on, no upload leaves the worker and
/// no checkpoint is written. What the emulator accepted and the store holds at that instant is all that survives.
/// </summary>
public sealed class KillSwitch
{
    private volatile bool _killed;
    public bool Killed => _killed;
    public void Kill() => _killed = true;
}

/// <summary>The Logs Ingestion transport, dead after the kill.</summary>
public sealed class KillableHandler(HttpMessageHandler inner, KillSwitch kill) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        kill.Killed ? throw new HttpRequestException("the worker process was killed") : base.SendAsync(request, cancellationToken);
}

/// <summary>The checkpoint store, refusing every write after the kill.</summary>
public sealed class KillableCheckpointStore(ICheckpointStore inner, KillSwitch kill) : ICheckpointStore
{
    public Task<StoredCheckpoint?> ReadAsync(PartitionKey partition, CancellationToken cancellationToken) => inner.ReadAsync(partition, cancellationToken);

    public Task<StoredCheckpoint> WriteAsync(PartitionKey partition, PartitionCheckpoint checkpoint, string? expectedVersion, CancellationToken cancellationToken) =>
        kill.Killed ? throw new IOException("the worker process was killed") : inner.WriteAsync(partition, checkpoint, expectedVersion, cancellationToken);

    public Task<IReadOnlyList<StoredCheckpoint>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);
}
