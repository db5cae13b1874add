using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Core;

namespace SentinelAwsIac.Connector.Pipeline;

/// <summary>
/// Carries out a partition's plan: asks the <see cref="ReadPlanner"/> for the next action at the clock's now, reads what
/// it names through the <see cref="PageReader"/>, waits when it says, and queues the checkpoint after each range; logs
/// backfill progress. Runs until cancelled.
/// </summary>
internal sealed class ReadLoop(PartitionKey partition, ReadPlanner planner, PageReader pages, PartitionTracker status, ILogger logger,
    TimeProvider time, TimeSpan progressInterval, string writer)
{
    public async Task RunAsync(ReadState state, CheckpointCommitter committer, CancellationToken ct)
    {
        var progress = new BackfillProgress(state.Chunk?.From ?? state.Watermark, time, progressInterval);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            switch (planner.Next(state, time.GetUtcNow()))
            {
                case SweepRead sweep:
                    await pages.ReadRangeAsync(state, committer, sweep.From, sweep.To, isSweep: true, ct).ConfigureAwait(false);
                    ReadPlanner.AfterSweep(state, sweep.To);
                    Commit(state, committer);
                    break;
                case WaitUntil wait:
                    status.SetState(PartitionState.Running);
                    status.Progressed();
                    await Task.Delay(wait.For, time, ct).ConfigureAwait(false);
                    break;
                case ChunkRead read:
                    state.Chunk = read.Chunk;
                    await pages.ReadRangeAsync(state, committer, read.From, read.To, isSweep: false, ct).ConfigureAwait(false);
                    ReadPlanner.AfterChunk(state);
                    Commit(state, committer);
                    progress.Report(logger, partition, state.Watermark, read.Target, state.EventsDelivered, read.Chunk.Settled);
                    break;
            }
        }
    }

    private void Commit(ReadState state, CheckpointCommitter committer) =>
        committer.Begin().Seal(state.Snapshot(time.GetUtcNow(), writer));
}
