using System.Text;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// Drives one batch to its final answer: each body is sent until the service delivers it, refuses a row for good
/// (dead-lettered) or asks for a smaller body (cut in two, depth first, so rows keep their order). What an answer
/// means comes from <see cref="IngestionOutcomes"/>; a retried answer waits its Retry-After or the <see cref="Backoff"/>,
/// indefinitely and visibly (log, <see cref="SinkCounters"/>, <see cref="SinkStatusTracker"/>). No row is acknowledged
/// before it was delivered or dead-lettered. The retry loops (uploads, dead-letter writes) are Polly retry pipelines on
/// the worker's <see cref="TimeProvider"/>; Polly decides nothing of its own: what is retried comes from
/// <see cref="IngestionOutcomes"/>, each wait from Retry-After or <see cref="Backoff.Delay"/> (full jitter, not Polly's
/// decorrelated jitter: docs/facts.md "Retries and backoff").
/// </summary>
internal sealed class UploadRetryDriver
{
    private readonly LogsIngestionClient _client;
    private readonly SinkOptions _options;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly ByteBudget _budget;
    private readonly SinkCounters _counters;
    private readonly SinkStatusTracker _status;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private readonly string _ruleId;
    private readonly string _streamName;
    private readonly ResiliencePipeline<Answer> _uploads;
    private readonly ResiliencePipeline _deadLetterWrites;

    public UploadRetryDriver(LogsIngestionClient client, SinkOptions options, IDeadLetterQueue deadLetters, ByteBudget budget,
        SinkCounters counters, SinkStatusTracker status, ILogger logger, TimeProvider time, Random random)
    {
        _client = client;
        _options = options;
        _deadLetters = deadLetters;
        _budget = budget;
        _counters = counters;
        _status = status;
        _logger = logger;
        _time = time;
        _ruleId = options.RuleId!;
        _streamName = options.StreamName!;
        _backoff = new Backoff(options.RetryDelay, options.MaxRetryDelay, time, random);
        _uploads = new ResiliencePipelineBuilder<Answer> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<Answer>
            {
                MaxRetryAttempts = int.MaxValue, // indefinitely: rows are never dropped for want of patience
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is null && IngestionOutcomes.IsRetried(args.Outcome.Result.Kind)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Result.RetryAfter ?? _backoff.Delay(args.AttemptNumber)),
                OnRetry = args => { ReportRetry(args.Outcome.Result, args.RetryDelay, args.AttemptNumber); return default; },
            })
            .Build();
        _deadLetterWrites = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue, // never acknowledge a row that is neither delivered nor kept
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(_backoff.Delay(args.AttemptNumber)),
                OnRetry = args =>
                {
                    var e = args.Outcome.Exception!;
                    _status.Failed(SinkState.Failing, $"Writing a dead-letter entry failed: {e.Message}");
                    _logger.LogError(e, "Writing a dead-letter entry for partition {Partition} failed; retrying in {Delay}.",
                        args.Context.Properties.GetValue(DeadLetterPartition, default), args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    private static readonly ResiliencePropertyKey<PartitionKey> DeadLetterPartition = new("sink.dead-letter.partition");

    /// <summary>Delivers a batch; 413 and 400 cut it into halves that are delivered in turn.</summary>
    public async Task DeliverAsync(SinkRecord[] records, CancellationToken stop)
    {
        var pending = new Stack<ArraySegment<SinkRecord>>();
        pending.Push(records);
        while (pending.TryPop(out var segment))
        {
            if (await UploadUntilAnsweredAsync(segment, stop).ConfigureAwait(false) == IngestionOutcomeKind.Split)
            {
                var half = segment.Count / 2;
                Interlocked.Increment(ref _counters.Splits);
                pending.Push(segment[half..]);
                pending.Push(segment[..half]);
            }
        }
    }

    /// <summary>Writes a row to the dead-letter queue, retrying until it is kept, then acknowledges it: a row is never
    /// acknowledged while it is neither delivered nor kept.</summary>
    public async Task DeadLetterAsync(SinkRecord record, string reason, CancellationToken stop)
    {
        var entry = new DeadLetterEntry(record.Partition, "sink", reason, Encoding.UTF8.GetString(record.Row), _time.GetUtcNow());
        var context = ResilienceContextPool.Shared.Get(stop);
        try
        {
            context.Properties.Set(DeadLetterPartition, record.Partition);
            await _deadLetterWrites.ExecuteAsync(static (c, state) => new ValueTask(state.Queue.WriteAsync(state.Entry, c.CancellationToken)),
                context, (Queue: _deadLetters, Entry: entry)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        _logger.LogWarning("Row of partition {Partition} dead-lettered: {Reason}", record.Partition, reason);
        Interlocked.Increment(ref _counters.DeadLetters);
        record.Ack.Delivered();
        _budget.Return(record.Row.Length);
    }

    /// <summary>One attempt's answer, read off the response (which is disposed by then).</summary>
    /// <param name="What">The failure in words (rule, stream, rows, the service's error), null when delivered.</param>
    /// <param name="RetryAfter">The answer's Retry-After, when the outcome honours it.</param>
    /// <param name="Error">The service's error (the dead-letter reason of a rejected row).</param>
    /// <param name="Rows">Rows of the body.</param>
    private readonly record struct Answer(IngestionOutcomeKind Kind, string? What, TimeSpan? RetryAfter, IngestionError? Error, int Rows);

    /// <summary>Sends one segment until the service gives a final answer for it: delivered, dead-lettered (both
    /// <see cref="IngestionOutcomeKind.Delivered"/> to the caller), or <see cref="IngestionOutcomeKind.Split"/>.</summary>
    private async Task<IngestionOutcomeKind> UploadUntilAnsweredAsync(ArraySegment<SinkRecord> segment, CancellationToken stop)
    {
        // Pooled memory: returned when this segment is answered (delivered, dead-lettered, split) or the sink stops.
        using var pooled = GzipJsonArray.Compress(segment, _options.CompressionLevel, out var jsonLength, out var contentEncoding);
        var body = new Body(pooled.Memory, jsonLength, contentEncoding);
        if (body.Bytes.Length > IngestionLimits.MaxBodyBytes)
        {
            // The limit applies to the compressed body too (docs/facts.md "Logs Ingestion: the body limit"); this only
            // happens with incompressible rows.
            if (segment.Count > 1) return IngestionOutcomeKind.Split;
            await DeadLetterAsync(segment[0], $"Row compresses to {body.Bytes.Length} bytes, over the {IngestionLimits.MaxBodyBytes}-byte limit per call; not sent.", stop).ConfigureAwait(false);
            return IngestionOutcomeKind.Delivered;
        }

        var context = ResilienceContextPool.Shared.Get(stop);
        try
        {
            var upload = new Upload(this, segment, body);
            var answer = await _uploads.ExecuteAsync(static (c, u) => u.AttemptAsync(c.CancellationToken), context, upload).ConfigureAwait(false);
            return await FinishAsync(segment, answer, stop).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The attempts at one body; every attempt after the first counts as a retry.</summary>
    private sealed class Upload(UploadRetryDriver driver, ArraySegment<SinkRecord> segment, Body body)
    {
        private int _attempts;

        public ValueTask<Answer> AttemptAsync(CancellationToken stop)
        {
            if (_attempts++ > 0) Interlocked.Increment(ref driver._counters.Retries);
            return new ValueTask<Answer>(driver.AttemptAsync(segment, body, stop));
        }
    }

    private readonly record struct Body(ReadOnlyMemory<byte> Bytes, long JsonLength, string? ContentEncoding);

    /// <summary>One upload. Answers of the service and of the network become an <see cref="Answer"/>; a stop and any
    /// other exception propagate.</summary>
    private async Task<Answer> AttemptAsync(ArraySegment<SinkRecord> segment, Body body, CancellationToken stop)
    {
        Response response;
        try
        {
            Interlocked.Increment(ref _counters.UploadRequests);
            Interlocked.Add(ref _counters.UploadedBytes, body.Bytes.Length);
            Interlocked.Add(ref _counters.UncompressedBytes, body.JsonLength);
            response = await _client.UploadAsync(_ruleId, _streamName, RequestContent.Create(body.Bytes), body.ContentEncoding,
                new RequestContext { CancellationToken = stop, ErrorOptions = ErrorOptions.NoThrow }).ConfigureAwait(false);
        }
        catch (Exception e) when (!stop.IsCancellationRequested && IngestionOutcomes.Classify(e) is { } kind)
        {
            if (kind == IngestionOutcomeKind.NoToken)
                return new Answer(kind, $"Logs Ingestion upload to rule '{_ruleId}', stream '{_streamName}' could not get a token: {e.Message} " +
                    IngestionOutcomes.NoTokenFix, null, null, segment.Count);
            Interlocked.Increment(ref _counters.TransportErrors);
            return new Answer(kind, $"Logs Ingestion upload to rule '{_ruleId}', stream '{_streamName}' got no answer: {e.Message}", null, null, segment.Count);
        }

        using (response)
        {
            _counters.CountStatus(response.Status);
            var kind = IngestionOutcomes.Classify(response.Status, segment.Count);
            if (kind == IngestionOutcomeKind.Delivered) return new Answer(kind, null, null, null, segment.Count);
            var error = IngestionError.From(response);
            var what = $"Logs Ingestion upload of {segment.Count} rows ({body.JsonLength} bytes, {body.Bytes.Length} gzip) to rule '{_ruleId}', stream '{_streamName}' failed: {error}";
            var retryAfter = IngestionOutcomes.HonoursRetryAfter(kind) ? RetryAfter.From(response, _time.GetUtcNow()) : null;
            return new Answer(kind, what, retryAfter, error, segment.Count);
        }
    }

    /// <summary>Acts on a final answer: acknowledges a delivered segment, dead-letters a rejected row.</summary>
    private async Task<IngestionOutcomeKind> FinishAsync(ArraySegment<SinkRecord> segment, Answer answer, CancellationToken stop)
    {
        switch (answer.Kind)
        {
            case IngestionOutcomeKind.Delivered:
                foreach (var record in segment) record.Ack.Delivered();
                Interlocked.Add(ref _counters.RowsDelivered, segment.Count);
                _budget.Return(RowBytes(segment));
                _status.Succeeded();
                return IngestionOutcomeKind.Delivered;
            case IngestionOutcomeKind.Split:
                _logger.LogWarning("{What}. Splitting the batch in two to isolate the cause.", answer.What);
                return IngestionOutcomeKind.Split;
            default: // Rejected
                await DeadLetterAsync(segment[0], answer.Error!.ToString(), stop).ConfigureAwait(false);
                return IngestionOutcomeKind.Delivered;
        }
    }

    /// <summary>Status and one log line for an attempt about to be repeated after <paramref name="delay"/>.</summary>
    private void ReportRetry(Answer answer, TimeSpan delay, int attempt)
    {
        var state = IngestionOutcomes.StateWhileRetrying(answer.Kind);
        switch (answer.Kind)
        {
            case IngestionOutcomeKind.NoToken:
                // Nothing was sent: the rows are kept, the sink reports failing.
                _status.Failed(state, answer.What!);
                _logger.LogError("{Reason} Retrying {Rows} rows in {Delay} (attempt {Attempt}).", answer.What, answer.Rows, delay, attempt + 1);
                break;
            case IngestionOutcomeKind.NoAnswer:
                _status.Failed(state, answer.What!);
                _logger.LogWarning("{Reason}. Retrying {Rows} rows in {Delay} (attempt {Attempt}).", answer.What, answer.Rows, delay, attempt + 1);
                break;
            case IngestionOutcomeKind.Throttled:
                _status.Failed(state, answer.What!);
                _logger.LogWarning("{What}. Retrying in {Delay} (attempt {Attempt}).", answer.What, delay, attempt + 1);
                break;
            default:
                // 401/403, 404 (wrong rule or stream) and anything else: the rows are kept and retried, the sink reports
                // itself failing with the fix.
                var fix = answer.Error!.Fix;
                _status.Failed(state, answer.What + "." + fix);
                _logger.LogError("{What}.{Fix} Retrying in {Delay} (attempt {Attempt}).", answer.What, fix, delay, attempt + 1);
                break;
        }
    }

    private static long RowBytes(ArraySegment<SinkRecord> segment)
    {
        long total = 0;
        foreach (var record in segment) total += record.Row.Length;
        return total;
    }
}
