using System.IO.Compression;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using SentinelAwsIac.Connector.Source.S3;
using SentinelAwsIac.Emulators.CloudTrail;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

/// <summary>A CloudTrail bucket whose ObjectCreated notifications go to a queue, in moto, through the official
/// clients: what an operator's trail, bucket, queue and notification are in AWS.</summary>
public sealed class S3World : IAsyncDisposable
{
    public const string Account = "123456789012";

    private readonly CloudTrailRecordGenerator _generator = new(seed: 7);
    private int _file;

    private S3World(MotoServer moto, string bucket, string queueUrl)
    {
        Moto = moto;
        Bucket = bucket;
        QueueUrl = queueUrl;
        Options = moto.Options(queueUrl);
        Sqs = S3SourceClients.CreateSqs(Options, MotoServer.Credentials);
        S3 = S3SourceClients.CreateS3(Options, MotoServer.Credentials);
    }

    public MotoServer Moto { get; }
    public string Bucket { get; }
    public string QueueUrl { get; }
    public S3SourceOptions Options { get; }
    public IAmazonSQS Sqs { get; }
    public IAmazonS3 S3 { get; }

    public static async Task<S3World> CreateAsync(MotoServer moto, bool notify = true)
    {
        var name = "trail-" + Guid.NewGuid().ToString("N")[..12];
        var options = moto.Options("");
        using var sqs = S3SourceClients.CreateSqs(options, MotoServer.Credentials);
        using var s3 = S3SourceClients.CreateS3(options, MotoServer.Credentials);
        var queue = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name });
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name });
        if (notify)
        {
            var arn = (await sqs.GetQueueAttributesAsync(queue.QueueUrl, ["QueueArn"])).QueueARN;
            await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = name,
                QueueConfigurations =
                [
                    new QueueConfiguration
                    {
                        Queue = arn,
                        Events = [EventType.ObjectCreatedAll],
                        Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("suffix", ".json.gz")] } },
                    },
                ],
            });
        }

        return new S3World(moto, name, queue.QueueUrl);
    }

    public string LogKey(string region, string? org = null, string name = "") =>
        $"AWSLogs/{(org is null ? "" : org + "/")}{Account}/CloudTrail/{region}/2026/12/07/{Account}_CloudTrail_{region}_20261207T1005Z_{Interlocked.Increment(ref _file):0000000000000000}{name}.json.gz";

    /// <summary>Events of one log file, as CloudTrail writes them.</summary>
    public IReadOnlyList<EmulatedEvent> Events(string region, int count) =>
        [.. Enumerable.Range(0, count).Select(i => _generator.Create(Account, region, new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero).AddSeconds(i)))];

    public static byte[] LogFile(IEnumerable<EmulatedEvent> events)
    {
        var json = $$"""{"Records":[{{string.Join(",", events.Select(e => e.CloudTrailEventJson))}}]}""";
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(json));
        return buffer.ToArray();
    }

    public Task PutAsync(string key, byte[] body) =>
        S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(body) });

    public Task SendAsync(string body) => Sqs.SendMessageAsync(QueueUrl, body);

    /// <summary>Messages visible plus in flight: 0 once every message was deleted.</summary>
    public async Task<int> MessagesLeftAsync()
    {
        var a = await Sqs.GetQueueAttributesAsync(QueueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return a.ApproximateNumberOfMessages + a.ApproximateNumberOfMessagesNotVisible;
    }

    public ValueTask DisposeAsync()
    {
        Sqs.Dispose();
        S3.Dispose();
        return ValueTask.CompletedTask;
    }
}
