using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.Aws;
using SentinelAwsIac.Emulators.CloudTrail;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Integration.Tests.Support;
using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests;

/// <summary>
/// What a destroy keeps (docs/facts.md#retention-on-destroy): <c>pulumi destroy</c> keeps the table's rows and the checkpoint container (infra KeptOnDestroy); it
/// removes the worker, its data collection rule and the AWS roles. A new <c>up</c> that adopts the kept resources
/// creates a new rule writing to the same table, new roles with a new external ID, and a new worker on the kept
/// checkpoints. Simulated here: the first worker's host is gone, the second runs with a new DCR immutable ID and a
/// new reader role, the emulator's rows of both rules are the table, the Azurite container is the kept one.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class DestroyAndUpTests(AzuriteFixture azurite)
{
    private const string Region = "us-east-1";
    private const string NewRuleId = "dcr-00000000000000000000000000000002";
    private const string NewReaderRoleArn = "arn:aws:iam::111122223333:role/SentinelCloudTrailReader-after-up";

    /// <summary>The emulator knows the first stack's rule and the one the new up creates, both writing to the same streams.</summary>
    private static LogsIngestionEmulatorOptions TwoRules()
    {
        var options = new LogsIngestionEmulatorOptions();
        options.Rules[NewRuleId] = options.Rules[LogsIngestionEmulatorOptions.DefaultRuleId];
        return options;
    }

    /// <summary>The table: the rows every rule wrote to it.</summary>
    private static List<string> TableEventIds(WorkerHarness h) =>
        [.. new[] { LogsIngestionEmulatorOptions.DefaultRuleId, NewRuleId }
            .SelectMany(rule => h.Ingestion.AcceptedRows(WorkerHarness.EventStream, rule))
            .Select(r => r.GetProperty("AwsEventId").GetString()!)];

    /// <summary>Ingest everything, destroy, let CloudTrail record more while nothing runs; returns the events that exist.</summary>
    private static async Task<List<EmulatedEvent>> IngestThenDestroyAsync(WorkerHarness h, PartitionKey partition)
    {
        var before = h.Aws.Seed([Region], 300);
        await h.StartWorkerAsync(Region);
        await Wait.UntilAsync(() => TableEventIds(h).Count >= before.Count, "first stack ingested the backfill", seconds: 90);
        await Wait.UntilAsync(async () => (await h.Store.ReadAsync(partition, default))?.Checkpoint.ChunkEnd is null, "first stack caught up");
        await h.StopWorkerAsync();
        Assert.Equal(before.Select(e => e.EventId).Order(), TableEventIds(h).Order());

        // Destroyed: no worker. CloudTrail goes on recording; the kept checkpoint is older than these events.
        var destroyedAt = DateTimeOffset.UtcNow;
        var whileDown = h.Aws.CloudTrail.Seed(h.Aws.Generator, AwsWorld.Account, Region, 40, destroyedAt, destroyedAt.AddSeconds(2));
        await Task.Delay(TimeSpan.FromSeconds(4));
        return [.. before, .. whileDown];
    }

    /// <summary>The new stack's settings: a new rule and a new reader role with its own external ID, the same account.</summary>
    private static string[] NewStack(WorkerHarness h, params string[] more)
    {
        var externalId = "ext-after-up-" + Guid.NewGuid().ToString("N");
        h.Aws.Identities.AddRole(new EmulatedRole(NewReaderRoleArn, [h.Aws.BrokerKey.PrincipalArn], externalId));
        return [$"{WorkerSettings.RuleId}={NewRuleId}", $"{WorkerSettings.ReaderRoleArn}={NewReaderRoleArn}", $"{WorkerSettings.ExternalId}={externalId}", .. more];
    }

    [Fact]
    public async Task Up_again_on_the_kept_rows_and_checkpoints_duplicates_nothing_and_misses_nothing()
    {
        await using var h = await WorkerHarness.StartAsync(azurite, TwoRules());
        var partition = new PartitionKey(AwsWorld.Account, Region);
        var events = await IngestThenDestroyAsync(h, partition);

        await h.StartWorkerAsync(Region, NewStack(h));
        await Wait.UntilAsync(() => TableEventIds(h).Distinct().Count() >= events.Count, "the new stack ingested what happened while it was down", seconds: 90);
        await Wait.UntilAsync(async () => (await h.Store.ReadAsync(partition, default))!.Checkpoint.ChunkEnd is null, "the new stack caught up");
        await h.StopWorkerAsync();

        var table = TableEventIds(h);
        Assert.True(h.Ingestion.AcceptedRows(WorkerHarness.EventStream, NewRuleId).Count > 0, "the new stack's rule received nothing");
        var duplicates = table.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{duplicates.Count} events twice in the table after the new up");
        var gaps = events.Select(e => e.EventId).Except(table).ToList();
        Assert.True(gaps.Count == 0, $"{gaps.Count} events never reached the table");
        Assert.Equal(events.Select(e => e.EventId).Order(), table.Order());
    }

    /// <summary>The same destroy with the checkpoints lost (what a destroy did before the stack kept them): the new up backfills
    /// again into the kept table. Shows the first test can see duplicates.</summary>
    [Fact]
    public async Task Up_again_without_the_kept_checkpoints_backfills_the_kept_rows_a_second_time()
    {
        await using var h = await WorkerHarness.StartAsync(azurite, TwoRules());
        var partition = new PartitionKey(AwsWorld.Account, Region);
        var events = await IngestThenDestroyAsync(h, partition);

        await h.StartWorkerAsync(Region, NewStack(h, $"Checkpoints:ContainerName={azurite.NewContainerName()}"));
        await Wait.UntilAsync(() => h.Ingestion.AcceptedRows(WorkerHarness.EventStream, NewRuleId).Count >= events.Count, "the new stack backfilled", seconds: 90);
        await h.StopWorkerAsync();

        var table = TableEventIds(h);
        Assert.Empty(events.Select(e => e.EventId).Except(table));
        Assert.True(table.Count - table.Distinct().Count() >= events.Count - 40, $"expected the backfill twice, the table has {table.Count} rows for {events.Count} events");
    }
}
