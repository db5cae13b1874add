using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.S3;

namespace SentinelAwsIac.Connector.Pipeline.S3;

/// <summary>
/// The S3 source's data path, in order: SQS message → S3 event notification → log files → records → the mapper → the
/// sink, with each message's acknowledgement riding on its rows. A message is deleted only when every row of its files
/// was delivered or dead-lettered; while they are in work its visibility is extended. Test events, digests and other
/// objects are skipped and counted; a file that is not a log file, a message that is not a notification and a message
/// received more than MaxReceiveCount times go to the dead-letter store with the reason. A file that cannot be read
/// now (S3 unreachable, access denied) leaves its message in the queue, to come back after the visibility timeout.
/// </summary>
public sealed class S3QueueDrain
{
    private readonly S3NotificationReceiver _queue;
    private readonly S3LogFileReader _files;
    private readonly IRecordMapper _mapper;
    private readonly ISink _sink;
    private readonly IDeadLetterQueue _deadLetters;
    private readonly S3SourceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EventIdWindow _seen;
    private readonly Backoff _receiveBackoff;

    public S3QueueDrain(S3NotificationReceiver queue, S3LogFileReader files, IRecordMapper mapper, ISink sink, IDeadLetterQueue deadLetters,
        S3SourceOptions options, ILogger<S3QueueDrain> logger, TimeProvider time)
    {
        _queue = queue;
        _files = files;
        _mapper = mapper;
        _sink = sink;
        _deadLetters = deadLetters;
        _options = options;
        _logger = logger;
        _time = time;
        _seen = new EventIdWindow(options.DuplicateWindow);
        _receiveBackoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), time, Random.Shared);
    }

    public S3SourceCounters Counters { get; } = new();

    /// <summary>Runs <see cref="S3SourceOptions.Receivers"/> receive loops until <paramref name="stop"/>. Rows handed to
    /// the sink and not yet acknowledged at the stop leave their messages in the queue.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, _options.Receivers).Select(_ => Task.Run(() => ReceiveLoopAsync(stop), CancellationToken.None)));

    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            IReadOnlyList<QueueMessage> messages;
            try
            {
                messages = await _queue.ReceiveAsync(stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
            {
                var wait = _receiveBackoff.Delay(failures++);
                _logger.LogError("SQS receive from {QueueUrl} failed: {Cause}. Retrying in {Wait}.", _options.QueueUrl, e.Message, DurationText.Format(wait));
                _logger.LogDebug(e, "SQS receive failure");
                if (!await WaitAsync(wait, stop).ConfigureAwait(false)) return;
                continue;
            }

            if (messages.Count > 0)
            {
                await DrainBatchAsync(messages, stop).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads every message of a batch, then waits for their rows' acknowledgements, extending the messages'
    /// visibility meanwhile, and deletes each message whose rows are all acknowledged.</summary>
    private async Task DrainBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken stop)
    {
        using var extending = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var inWork = messages.ToList();
        var extension = ExtendVisibilityAsync(inWork, extending.Token);
        try
        {
            var acks = new List<(QueueMessage Message, MessageAcknowledgement Ack)>();
            try
            {
                foreach (var message in messages)
                {
                    acks.Add((message, await HandleAsync(message, stop).ConfigureAwait(false)));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // stopping: what was not acknowledged stays in the queue
            }

            foreach (var (message, ack) in acks)
            {
                if (ack.Abandoned)
                {
                    lock (inWork) inWork.Remove(message);
                    continue;
                }

                try
                {
                    await Task.WhenAll([ack.Completion, .. ack.Dependencies]).WaitAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return; // unacknowledged rows: the message stays in the queue
                }

                await DeleteAsync(message, stop).ConfigureAwait(false);
                lock (inWork) inWork.Remove(message);
            }
        }
        finally
        {
            await extending.CancelAsync().ConfigureAwait(false);
            await extension.ConfigureAwait(false);
        }
    }

    private async Task<MessageAcknowledgement> HandleAsync(QueueMessage message, CancellationToken stop)
    {
        Counters.Message();
        var ack = new MessageAcknowledgement();
        try
        {
            await HandleAsync(message, ack, stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // The dead-letter store or the sink refused: nothing of the message may be lost, so it comes back.
            _logger.LogError("Handling SQS message {MessageId} failed: {Cause}. It stays in the queue and comes back after {Visibility}.",
                message.MessageId, e.Message, DurationText.Format(_options.VisibilityTimeout));
            _logger.LogDebug(e, "S3 message failure");
            ack.Abandon();
        }

        return ack;
    }

    private async Task HandleAsync(QueueMessage message, MessageAcknowledgement ack, CancellationToken stop)
    {
        var notification = S3NotificationParser.Parse(message.Body);
        var partition = PartitionOf(notification);
        if (message.ReceiveCount > _options.MaxReceiveCount)
        {
            Counters.Poison();
            await DeadLetterAsync(partition, "s3", $"SQS message {message.MessageId} was received {message.ReceiveCount} times, more than {S3SourceOptions.SectionName}:MaxReceiveCount ({_options.MaxReceiveCount}); its files may be partly ingested", message.Body, stop).ConfigureAwait(false);
            ack.Seal();
            return;
        }

        switch (notification.Kind)
        {
            case S3NotificationKind.TestEvent:
                Counters.TestEvent();
                ack.Seal();
                return;
            case S3NotificationKind.Unrecognized:
                Counters.Poison();
                await DeadLetterAsync(partition, "s3", $"SQS message {message.MessageId} is not an S3 event notification: {notification.Reason}", message.Body, stop).ConfigureAwait(false);
                ack.Seal();
                return;
        }

        foreach (var file in notification.Objects)
        {
            var key = CloudTrailObjectKey.Classify(file.Key);
            if (key.Kind != CloudTrailObjectKind.LogFile)
            {
                Counters.SkippedFile();
                _logger.LogDebug("Skipped s3://{Bucket}/{Key}: a {Kind}, not a CloudTrail log file.", file.Bucket, file.Key, key.Kind);
                continue;
            }

            if (!await SendFileAsync(file, new PartitionKey(key.AccountId!, key.Region!), ack, stop).ConfigureAwait(false))
            {
                ack.Abandon();
                return;
            }
        }

        ack.Seal();
    }

    /// <summary>Hands every record of one log file to the sink. False when the file cannot be read now (the message
    /// must come back); a file that is not a log file is dead-lettered whole and counts as done.</summary>
    private async Task<bool> SendFileAsync(S3ObjectRef file, PartitionKey partition, MessageAcknowledgement ack, CancellationToken stop)
    {
        Counters.File();
        try
        {
            await foreach (var record in _files.ReadAsync(file, stop).ConfigureAwait(false))
            {
                await SendRecordAsync(record, partition, ack, stop).ConfigureAwait(false);
            }

            return true;
        }
        catch (InvalidDataException e)
        {
            Counters.FailedFile();
            await DeadLetterAsync(partition, "s3", $"s3://{file.Bucket}/{file.Key} is not a gzip'd CloudTrail log file: {e.Message} (records before the fault were sent)", FileReference(file), stop).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            Counters.FailedFile();
            await DeadLetterAsync(partition, "s3", $"s3://{file.Bucket}/{file.Key} no longer exists (NoSuchKey): it was deleted before it was read", FileReference(file), stop).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException && !stop.IsCancellationRequested)
        {
            _logger.LogError("Reading s3://{Bucket}/{Key} failed: {Cause}. Its message stays in the queue and comes back after {Visibility}.",
                file.Bucket, file.Key, e.Message, DurationText.Format(_options.VisibilityTimeout));
            _logger.LogDebug(e, "S3 read failure");
            return false;
        }
    }

    private async Task SendRecordAsync(byte[] record, PartitionKey partition, MessageAcknowledgement ack, CancellationToken stop)
    {
        if (CloudTrailRecordFields.Read(record, out var failure) is not { } fields)
        {
            await DeadLetterAsync(partition, "map", failure!, System.Text.Encoding.UTF8.GetString(record), stop).ConfigureAwait(false);
            return;
        }

        if (!_seen.TryAdd(fields.EventId, ack, out var earlier))
        {
            Counters.Duplicate();
            ack.WaitFor(earlier!);
            return;
        }

        var mapped = _mapper.Map(new CloudTrailEvent(fields.EventId, fields.EventTime, null, null, null, null, null, record));
        if (!mapped.IsSuccess)
        {
            await DeadLetterAsync(partition, "map", mapped.FailureReason ?? "unknown", System.Text.Encoding.UTF8.GetString(record), stop).ConfigureAwait(false);
            return;
        }

        Counters.Record();
        ack.Add();
        await _sink.SendAsync(new SinkRecord(partition, mapped.Row!, ack), stop).ConfigureAwait(false);
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken stop)
    {
        try
        {
            await _queue.DeleteAsync(message, stop).ConfigureAwait(false);
            Counters.Deleted();
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
        {
            // Delivered already; a redelivery's records are dropped as duplicates within the window.
            _logger.LogWarning("Deleting SQS message {MessageId} failed: {Cause}. It comes back; its records are dropped as duplicates.", message.MessageId, e.Message);
        }
    }

    /// <summary>Every half visibility timeout, hides the messages still in work for another timeout.</summary>
    private async Task ExtendVisibilityAsync(List<QueueMessage> inWork, CancellationToken stop)
    {
        var half = _options.VisibilityTimeout / 2;
        while (await WaitAsync(half, stop).ConfigureAwait(false))
        {
            QueueMessage[] messages;
            lock (inWork) messages = [.. inWork];
            foreach (var message in messages)
            {
                try
                {
                    await _queue.ExtendAsync(message, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
                {
                    _logger.LogWarning("Extending the visibility of SQS message {MessageId} failed: {Cause}. If it comes back before its rows are acknowledged, they are dropped as duplicates.", message.MessageId, e.Message);
                }
            }
        }
    }

    private async Task<bool> WaitAsync(TimeSpan wait, CancellationToken stop)
    {
        try
        {
            await Task.Delay(wait, _time, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Task DeadLetterAsync(PartitionKey partition, string stage, string reason, string raw, CancellationToken stop) =>
        _deadLetters.WriteAsync(new DeadLetterEntry(partition, stage, reason, raw, _time.GetUtcNow()), stop);

    /// <summary>The partition of a message's first log file; the queue's region when it names none.</summary>
    private PartitionKey PartitionOf(S3Notification notification) =>
        notification.Objects.Select(o => CloudTrailObjectKey.Classify(o.Key)).FirstOrDefault(k => k.Kind == CloudTrailObjectKind.LogFile) is { AccountId: { } account, Region: { } region }
            ? new PartitionKey(account, region)
            : new PartitionKey("unknown", _options.Region ?? "unknown");

    private static string FileReference(S3ObjectRef file) => JsonSerializer.Serialize(new { bucket = file.Bucket, key = file.Key, size = file.Size });
}
