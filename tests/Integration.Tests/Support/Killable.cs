using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Core;

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

/// <summary>
/// A network that fails while the host stops: while <see cref="HoldUploads"/> is on, every Logs Ingestion request hangs
/// until its cancellation token fires (the sink's stop) and then fails as Azure.Core reports a broken connection
/// (<see cref="RequestFailedException"/>), not as a cancellation: the upload a deployment swap cuts, with its failure
/// arriving after the stop began. A pipeline policy, so the failure reaches the sink as the client's own would.
/// </summary>
public sealed class FailingNetwork : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _firstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;
    public volatile bool HoldUploads;

    /// <summary>Completes when the first request is being held.</summary>
    public Task FirstHeld => _firstHeld.Task;

    public int Held => Volatile.Read(ref _held);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("the worker uploads asynchronously");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!HoldUploads)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }
        Interlocked.Increment(ref _held);
        _firstHeld.TrySetResult();
        try { await Task.Delay(Timeout.Infinite, message.CancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        throw new RequestFailedException("Connection reset by peer (the network failed while the worker stopped)");
    }
}
