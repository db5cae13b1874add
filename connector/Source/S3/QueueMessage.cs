namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>One SQS message as received: its body, the handle that deletes it or extends its visibility, and how often
/// SQS has delivered it (<c>ApproximateReceiveCount</c>).</summary>
public sealed record QueueMessage(string MessageId, string ReceiptHandle, string Body, int ReceiveCount);
