using System.Threading.Channels;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>A row for the batcher, or (with <see cref="Flush"/>) a flush request: send what is batched now, then
/// complete the flush once every upload started so far has ended.</summary>
internal readonly record struct BatcherItem(SinkRecord Record, TaskCompletionSource? Flush);

/// <summary>
/// Accumulates rows into batches of at most <paramref name="maxBatchBytes"/> bytes as a JSON array (brackets and commas
/// included) and hands each batch to <paramref name="dispatch"/> when the next row would not fit, when its oldest row
/// has waited <paramref name="flushInterval"/> on <paramref name="time"/>, or at a flush request. A row that cannot fit
/// in a body alone (over <see cref="IngestionLimits.MaxBodyBytes"/> with its brackets) goes to <paramref name="reject"/>
/// unsent. No I/O of its own: what a batch becomes is the dispatcher's business.
/// </summary>
/// <param name="flushed">Called with a flush request once the batch before it was dispatched.</param>
internal sealed class Batcher(
    ChannelReader<BatcherItem> input, long maxBatchBytes, TimeSpan flushInterval, TimeProvider time,
    Func<List<SinkRecord>, CancellationToken, Task> dispatch,
    Func<SinkRecord, string, CancellationToken, Task> reject,
    Action<TaskCompletionSource> flushed)
{
    /// <summary>Runs until <paramref name="stop"/> fires (then throws <see cref="OperationCanceledException"/>) or the
    /// input is completed; rows still batched then are not dispatched.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var batch = new List<SinkRecord>();
        long batchBytes = 0;
        var deadline = DateTimeOffset.MaxValue;
        while (!stop.IsCancellationRequested)
        {
            if (batch.Count == 0)
            {
                if (!await input.WaitToReadAsync(stop).ConfigureAwait(false)) break;
            }
            else
            {
                var remaining = deadline - time.GetUtcNow();
                var timedOut = remaining <= TimeSpan.Zero;
                if (!timedOut && !input.TryPeek(out _))
                {
                    using var timer = new CancellationTokenSource(remaining, time);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop, timer.Token);
                    try
                    {
                        if (!await input.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        timedOut = true;
                    }
                }
                if (timedOut)
                {
                    await dispatch(batch, stop).ConfigureAwait(false);
                    batch = [];
                    batchBytes = 0;
                    continue;
                }
            }

            while (input.TryRead(out var item))
            {
                if (item.Flush is { } flush)
                {
                    if (batch.Count > 0)
                    {
                        try
                        {
                            await dispatch(batch, stop).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            flush.TrySetCanceled(stop); // stopped while waiting for an upload slot: the batch never left
                            throw;
                        }
                        batch = [];
                        batchBytes = 0;
                    }
                    flushed(flush);
                    continue;
                }

                var record = item.Record;
                // Brackets included: a row that cannot fit in a body alone is never sent.
                if (record.Row.Length + 2 > IngestionLimits.MaxBodyBytes)
                {
                    await reject(record,
                        $"Row of {record.Row.Length} bytes exceeds the Logs Ingestion limit of {IngestionLimits.MaxBodyBytes} bytes per call; not sent.",
                        stop).ConfigureAwait(false);
                    continue;
                }
                var added = (batch.Count == 0 ? 2 : 1) + record.Row.Length;
                if (batch.Count > 0 && batchBytes + added > maxBatchBytes)
                {
                    await dispatch(batch, stop).ConfigureAwait(false);
                    batch = [];
                    batchBytes = 0;
                    added = 2 + record.Row.Length;
                }
                if (batch.Count == 0) deadline = time.GetUtcNow() + flushInterval;
                batch.Add(record);
                batchBytes += added;
            }
        }
    }
}
