using SentinelAwsIac.Connector.Pipeline.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline.S3;

public sealed class MessageAcknowledgementTests
{
    [Fact]
    public void Completes_only_when_sealed_and_every_row_was_acknowledged()
    {
        var ack = new MessageAcknowledgement();
        ack.Add();
        ack.Add();
        ack.Delivered();
        ack.Delivered(); // all delivered, but more rows may still come
        Assert.False(ack.Completion.IsCompleted);
        ack.Add();
        ack.Seal();
        Assert.False(ack.Completion.IsCompleted);
        ack.Delivered();
        Assert.True(ack.Completion.IsCompletedSuccessfully);
        Assert.True(ack.Drained.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_message_without_rows_completes_when_sealed()
    {
        var ack = new MessageAcknowledgement();
        ack.Seal();
        Assert.True(ack.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public void An_abandoned_message_never_completes_but_drains()
    {
        var ack = new MessageAcknowledgement();
        ack.Add();
        ack.Abandon();
        ack.Seal();
        Assert.False(ack.Drained.IsCompleted);
        ack.Delivered();
        Assert.True(ack.Drained.IsCompletedSuccessfully);
        Assert.False(ack.Completion.IsCompleted);
        Assert.True(ack.Abandoned);
    }

    [Fact]
    public async Task A_message_waits_for_an_earlier_messages_rows_it_stands_for()
    {
        var earlier = new MessageAcknowledgement();
        earlier.Add();
        earlier.Abandon();
        var later = new MessageAcknowledgement();
        later.WaitFor(earlier);
        later.WaitFor(later); // its own rows are no dependency
        later.Seal();
        var ready = Task.WhenAll([later.Completion, .. later.Dependencies]);
        Assert.Same(earlier.Drained, Assert.Single(later.Dependencies));
        Assert.False(ready.IsCompleted);
        earlier.Delivered();
        await ready.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Acknowledgements_from_many_threads_complete_it_exactly_when_the_last_arrives()
    {
        var ack = new MessageAcknowledgement();
        const int rows = 10_000;
        for (var i = 0; i < rows; i++) ack.Add();
        ack.Seal();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = t; i < rows; i += 8) ack.Delivered();
        })));
        await ack.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
