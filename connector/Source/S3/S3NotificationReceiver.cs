using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>
/// The log queue, through the official SQS client: long-polled receives, the delete once a message's rows are all
/// delivered, and the visibility extension while they are in work (docs/facts.md "S3 through SQS").
/// </summary>
public sealed class S3NotificationReceiver(IAmazonSQS sqs, S3SourceOptions options)
{
    private const string ReceiveCountAttribute = "ApproximateReceiveCount";

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = options.QueueUrl,
            MaxNumberOfMessages = options.MaxMessages,
            WaitTimeSeconds = options.WaitTimeSeconds,
            VisibilityTimeout = VisibilitySeconds,
            MessageSystemAttributeNames = [ReceiveCountAttribute],
        }, cancellationToken).ConfigureAwait(false);

        // SDK v4 leaves an absent list null.
        return response.Messages is not { Count: > 0 } messages
            ? []
            : [.. messages.Select(m => new QueueMessage(m.MessageId, m.ReceiptHandle, m.Body ?? "", ReceiveCount(m)))];
    }

    public Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(options.QueueUrl, message.ReceiptHandle, cancellationToken);

    /// <summary>Hides the message for another <see cref="S3SourceOptions.VisibilityTimeout"/> from now.</summary>
    public Task ExtendAsync(QueueMessage message, CancellationToken cancellationToken) =>
        sqs.ChangeMessageVisibilityAsync(options.QueueUrl, message.ReceiptHandle, VisibilitySeconds, cancellationToken);

    private int VisibilitySeconds => (int)options.VisibilityTimeout.TotalSeconds;

    private static int ReceiveCount(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue(ReceiveCountAttribute, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;
}
