using SentinelAwsIac.Connector.Pipeline.S3;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline.S3;

public sealed class EventIdWindowTests
{
    [Fact]
    public void A_repeated_id_is_a_duplicate_naming_the_acknowledgement_of_its_first_row()
    {
        var window = new EventIdWindow(10);
        var first = new MessageAcknowledgement();
        Assert.True(window.TryAdd("a", first, out _));
        Assert.False(window.TryAdd("a", new MessageAcknowledgement(), out var earlier));
        Assert.Same(first, earlier);
    }

    [Fact]
    public void The_oldest_ids_are_forgotten_beyond_the_capacity()
    {
        var window = new EventIdWindow(3);
        var ack = new MessageAcknowledgement();
        foreach (var id in new[] { "a", "b", "c", "d" }) Assert.True(window.TryAdd(id, ack, out _));
        Assert.True(window.TryAdd("a", ack, out _)); // forgotten: "d" pushed it out
        Assert.False(window.TryAdd("d", ack, out _));
    }

    [Fact]
    public void Capacity_zero_remembers_nothing()
    {
        var window = new EventIdWindow(0);
        var ack = new MessageAcknowledgement();
        Assert.True(window.TryAdd("a", ack, out _));
        Assert.True(window.TryAdd("a", ack, out _));
    }
}
