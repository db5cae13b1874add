using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Connector.Source.Credentials;
using SentinelAwsIac.Connector.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Pipeline;

/// <summary>An expected failure is one log line with the cause and the fix; its stack only at Debug.</summary>
public sealed class OperatorLogTests
{
    private static readonly PartitionKey Partition = new("123456789012", "us-east-1");

    private sealed class FailingClient(Exception failure) : ILookupEventsClient
    {
        public int Calls;
        public Task<LookupEventsResponse> LookupEventsAsync(LookupEventsRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromException<LookupEventsResponse>(failure);
        }
    }

    private static async Task<CapturingLogger<PartitionRunner>> RunUntilFailedAsync(Exception failure)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var source = new SourceOptions { ReaderRoleArn = $"arn:aws:iam::{Partition.AccountId}:role/reader", ExternalId = "x", Regions = Partition.Region };
        var log = new CapturingLogger<PartitionRunner>();
        var client = new FailingClient(failure);
        var runner = new PartitionRunner(Partition, client, new IdMapper(), new RecordingSink(), new MemoryCheckpointStore(), new MemoryDeadLetters(),
            source, new PartitionStatusRegistry(time), log, time);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => runner.RunAsync(stop.Token));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!log.Entries.Any(e => e.Level == LogLevel.Error)) await Task.Delay(10, deadline.Token);
        await stop.CancelAsync();
        time.Advance(TimeSpan.FromHours(1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        return log;
    }

    [Fact]
    public async Task AccessDenied_on_AssumeRole_is_one_line_with_the_fix_and_the_stack_at_debug()
    {
        var denied = new AwsCredentialsException("sts:AssumeRole on arn:aws:iam::123456789012:role/reader failed: AccessDenied: not authorized. " +
            "Check that the role's trust policy names the broker principal and that Source:ExternalId equals its sts:ExternalId condition.",
            new InvalidOperationException("inner"));
        var log = await RunUntilFailedAsync(denied);

        var error = Assert.Single(log.AtLeast(LogLevel.Warning));
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Null(error.Exception);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("AccessDenied", error.Message);
        Assert.Contains("Source:ExternalId", error.Message);
        Assert.Matches(@"Retrying in \d+ (s|min)", error.Message);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Debug && ReferenceEquals(e.Exception, denied));
    }

    [Fact]
    public async Task A_defect_keeps_its_stack_at_error()
    {
#pragma warning disable CA2201 // The test stands for a defect in our code, which the runtime reports as a NullReferenceException.
        var bug = new NullReferenceException("bug");
#pragma warning restore CA2201
        var log = await RunUntilFailedAsync(bug);

        var error = Assert.Single(log.AtLeast(LogLevel.Error));
        Assert.Same(bug, error.Exception);
        Assert.Contains("unexpectedly", error.Message);
    }

    [Fact]
    public void Throttling_and_service_answers_count_as_expected()
    {
        Assert.True(PartitionRunner.IsExpected(new CloudTrailServiceException("AccessDeniedException", HttpStatusCode.BadRequest, "no", "r", "us-east-1")));
        Assert.True(PartitionRunner.IsExpected(new HttpRequestException("refused")));
        Assert.False(PartitionRunner.IsExpected(new InvalidOperationException("bug")));
    }
}
