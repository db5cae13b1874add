using System.Text.Json;
using Azure.Storage.Blobs.Models;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.DeadLetter;
using SentinelAwsIac.Connector.Tests.Azurite;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Checkpoints;

/// <summary>The blob dead-letter queue against Azurite (it shares the checkpoint container, under deadletter/).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobDeadLetterQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_entry_is_its_own_blob_under_partition_and_day_with_reason_and_raw_record()
    {
        var container = azurite.NewContainer(); // not created: the queue creates it on first write
        var queue = new BlobDeadLetterQueue(container);
        var partition = new PartitionKey("123456789012", "us-east-1");
        var at = new DateTimeOffset(2024, 5, 6, 23, 59, 58, TimeSpan.FromHours(-2)); // 2024-05-07 in UTC

        await queue.WriteAsync(new DeadLetterEntry(partition, "map", "eventTime is missing", "{\"eventID\":\"x\"}", at), CancellationToken.None);
        await queue.WriteAsync(new DeadLetterEntry(partition, "map", "eventTime is missing", "{\"eventID\":\"x\"}", at), CancellationToken.None);

        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = "deadletter/123456789012/us-east-1/2024-05-07/" }, CancellationToken.None))
            names.Add(item.Name);
        Assert.Equal(2, names.Count); // the same entry twice is two blobs: nothing is overwritten
        Assert.All(names, n => Assert.Matches(@"^deadletter/123456789012/us-east-1/2024-05-07/015958000-map-[0-9a-f]{32}\.json$", n));

        var body = JsonDocument.Parse((await container.GetBlobClient(names[0]).DownloadContentAsync(CancellationToken.None)).Value.Content.ToString()).RootElement;
        Assert.Equal("123456789012/us-east-1", body.GetProperty("partition").GetString());
        Assert.Equal("map", body.GetProperty("stage").GetString());
        Assert.Equal("eventTime is missing", body.GetProperty("reason").GetString());
        Assert.Equal("{\"eventID\":\"x\"}", body.GetProperty("raw").GetString());
        Assert.Equal(at, body.GetProperty("at").GetDateTimeOffset());
    }
}
