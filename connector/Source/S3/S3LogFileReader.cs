using System.IO.Compression;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>
/// Reads one CloudTrail log file from S3 through the official client, streaming: the response body is gunzip'd
/// (multi-member gzip included) and its records come out one by one (<see cref="CloudTrailRecordReader"/>), so a
/// file of hundreds of MB is never in memory whole.
/// </summary>
public sealed class S3LogFileReader(IAmazonS3 s3, int maxRecordBytes = CloudTrailRecordReader.DefaultMaxRecordBytes)
{
    /// <summary>The file's records. <see cref="InvalidDataException"/>: not gzip'd JSON of a log file (poison, retrying
    /// cannot help); <see cref="AmazonS3Exception"/> and I/O errors: the read failed and may succeed later.</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync(S3ObjectRef file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = file.Bucket, Key = file.Key }, cancellationToken).ConfigureAwait(false);
        await using var gunzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
        await foreach (var record in new CloudTrailRecordReader(gunzip, maxRecordBytes: maxRecordBytes).ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }
}
