using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Connector.Hosting;
using SentinelAwsIac.Connector.Pipeline;
using SentinelAwsIac.Connector.Sink;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.Azurite;
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Tests.Shared;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>
/// The real worker host (<see cref="ConnectorHost"/>, the DI of Program.cs) pointed at the emulators: STS + CloudTrail over
/// HTTP on 127.0.0.1 with SigV4, Logs Ingestion over HTTPS with its token credential, checkpoints and dead letters in an
/// Azurite container. Only the credential and the TLS trust of the test certificate are put in from outside, plus the
/// kill switch around the transport and the store.
/// </summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    public static readonly string EventStream = TableSchema.CustomStreamName(CloudTrailTable.DefaultName);
    public static readonly string HealthStream = TableSchema.CustomStreamName(HealthTable.DefaultName);

    private WorkerHarness(AwsWorld aws, LogsIngestionEmulator ingestion, AzuriteProcess azurite, string container)
    {
        Aws = aws;
        Ingestion = ingestion;
        Azurite = azurite;
        ContainerName = container;
        Credential = new EmulatorTokenCredential(ingestion.Tokens);
        Container = CheckpointContainer.FromConnectionString(azurite.ConnectionString, container);
        Store = new BlobCheckpointStore(Container);
    }

    public AwsWorld Aws { get; }
    public LogsIngestionEmulator Ingestion { get; }
    public AzuriteProcess Azurite { get; }
    public string ContainerName { get; }
    public EmulatorTokenCredential Credential { get; }
    public BlobContainerClient Container { get; }
    public BlobCheckpointStore Store { get; }
    public WebApplication? App { get; private set; }
    public KillSwitch Kill { get; private set; } = new();

    /// <summary>The network of the current run's Logs Ingestion uploads (healthy unless a test holds it).</summary>
    public FailingNetwork Network { get; private set; } = new();

    /// <summary>Warnings and errors every run of this harness logged, for assertion messages.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>A test's own registrations, made after the harness's and before the worker's (e.g. an in-memory
    /// telemetry exporter beside the worker's own).</summary>
    public Action<WebApplicationBuilder>? AlsoConfigure { get; set; }

    /// <summary>The same entries as the worker's console would show them, in its configured format.</summary>
    public ConsoleCapture ConsoleOutput { get; } = new();

    /// <summary>What the teardown of killed runs threw. A killed process throws nothing; the in-process kill keeps
    /// these out of the test. That a stopping host throws nothing is asserted by the shutdown tests, not here.</summary>
    public List<Exception> KillTeardownFaults { get; } = [];

    public static async Task<WorkerHarness> StartAsync(AzuriteFixture azurite, LogsIngestionEmulatorOptions? ingestionOptions = null)
    {
        var aws = await AwsWorld.StartAsync();
        var ingestion = await LogsIngestionEmulator.StartAsync(ingestionOptions);
        return new WorkerHarness(aws, ingestion, azurite.Azurite, azurite.NewContainerName());
    }

    /// <summary>The settings as the stack and an operator would give them (command-line form), short times for tests.</summary>
    public IReadOnlyList<string> Settings(string regions, params string[] overrides)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [WorkerSettings.ReaderRoleArn] = AwsWorld.ReaderRoleArn,
            [WorkerSettings.ExternalId] = Aws.ExternalId,
            [WorkerSettings.Regions] = regions,
            [WorkerSettings.AwsPartition] = "aws",
            [WorkerSettings.BrokerMode] = "AccessKey",
            [WorkerSettings.BrokerAccessKeyId] = Aws.BrokerKey.AccessKeyId,
            [WorkerSettings.BrokerSecretAccessKey] = Aws.BrokerKey.SecretAccessKey,
            [WorkerSettings.BackfillDays] = "1",
            ["Source:Endpoint"] = Aws.CloudTrail.BaseAddress.ToString(),
            ["Source:StsEndpoint"] = Aws.Sts.BaseAddress.ToString(),
            ["Source:SettleDelay"] = "00:00:01",
            ["Source:Overlap"] = "00:00:04",
            ["Source:PollInterval"] = "00:00:01",
            ["Source:ParkRetryInterval"] = "00:00:02",
            ["Source:ChunkSpan"] = "12:00:00",
            [WorkerSettings.IngestionEndpoint] = Ingestion.Endpoint.ToString(),
            [WorkerSettings.RuleId] = LogsIngestionEmulatorOptions.DefaultRuleId,
            [WorkerSettings.StreamName] = EventStream,
            [WorkerSettings.HealthStreamName] = HealthStream,
            [WorkerSettings.IngestionAudience] = "https://monitor.azure.com",
            ["Sink:FlushInterval"] = "00:00:00.200",
            ["Sink:RetryDelay"] = "00:00:00.050",
            ["Sink:MaxRetryDelay"] = "00:00:00.500",
            ["Checkpoints:ConnectionString"] = Azurite.ConnectionString,
            ["Checkpoints:ContainerName"] = ContainerName,
            ["Health:Interval"] = "00:00:01",
            ["Health:StallAfter"] = "00:01:00",
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var o in overrides)
        {
            var eq = o.IndexOf('=');
            settings[o[..eq]] = o[(eq + 1)..];
        }
        return settings.Select(kv => $"--{kv.Key}={kv.Value}").ToList();
    }

    /// <summary>Test-only registrations: the emulator's credential, a transport that trusts its certificate (behind the
    /// kill switch), the store behind the kill switch, and quiet logging.</summary>
    public Action<WebApplicationBuilder> Configure(KillSwitch kill, FailingNetwork network) => builder =>
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(Logs);
        builder.Services.AddSingleton<ILoggerProvider>(ConsoleOutput.ProviderFor);
        builder.Services.AddSingleton<TokenCredential>(Credential);
        builder.Services.AddSingleton(_ =>
        {
            var options = new LogsIngestionClientOptions { Transport = new HttpClientTransport(new KillableHandler(Ingestion.CreateTrustingHandler(), kill)) };
            options.Retry.MaxRetries = 0; // as AddLogsIngestionSink does: the sink owns retries
            options.AddPolicy(network, HttpPipelinePosition.PerCall);
            return new LogsIngestionClient(Ingestion.Endpoint, Credential, options);
        });
        builder.Services.AddSingleton<ICheckpointStore>(sp => new KillableCheckpointStore(
            new BlobCheckpointStore(sp.GetRequiredKeyedService<BlobContainerClient>(CheckpointServiceCollectionExtensions.ContainerServiceKey)), kill));
    };

    /// <summary>Builds the host exactly as Program.cs does (plus <see cref="Configure"/>), validates, starts.</summary>
    public async Task<WebApplication> StartWorkerAsync(string regions, params string[] overrides)
    {
        Kill = new KillSwitch();
        Network = new FailingNetwork();
        var builder = ConnectorHost.CreateBuilder([.. Settings(regions, overrides)]);
        Configure(Kill, Network)(builder);
        AlsoConfigure?.Invoke(builder);
        builder.Services.AddConnector(builder.Configuration);
        var app = ConnectorHost.Build(builder);
        var errors = StartupValidation.Validate(app.Services, app.Configuration);
        if (errors.Count > 0) throw new InvalidOperationException("Test settings invalid: " + string.Join(" | ", errors));
        await app.StartAsync();
        App = app;
        return app;
    }

    public Uri HealthzUri => new(App!.Urls.First().TrimEnd('/') + HealthEndpoint.Path);

    /// <summary>Graceful stop: reading stops, the sink flushes, the delivered pages are committed. With
    /// <paramref name="grace"/>, the host gets only that long (as a platform that sends SIGTERM and then ends the
    /// process); the pipeline's leftover work is awaited before this returns. Whatever stop and dispose throw reaches
    /// the caller: a stopping host must not throw.</summary>
    public async Task StopWorkerAsync(TimeSpan? grace = null)
    {
        var app = App ?? throw new InvalidOperationException("No worker running.");
        App = null;
        var services = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(90));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
        // Each background service ends without a fault (a faulted one is what the host logs as an unhandled exception).
        foreach (var service in services)
            if (service.ExecuteTask is { } running) await running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Hard kill: from this instant nothing is uploaded or checkpointed; no flush, no final commit. The host
    /// is then torn down in-process (a dead process holds no sockets or timers); what that teardown throws is kept in
    /// <see cref="KillTeardownFaults"/>, because a killed process throws nothing into anyone.</summary>
    public async Task KillWorkerAsync()
    {
        var app = App ?? throw new InvalidOperationException("No worker running.");
        App = null;
        Kill.Kill();
        var pipeline = Pipeline(app);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await TearDownAsync(() => app.StopAsync(cancelled.Token));
        await TearDownAsync(() => app.DisposeAsync().AsTask());
        // The process is "dead"; let its leftover tasks end so they cannot touch the next run's quota or store.
        if (pipeline.ExecuteTask is { } running) await TearDownAsync(() => running.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private async Task TearDownAsync(Func<Task> step)
    {
        try { await step(); }
        catch (Exception e) { lock (KillTeardownFaults) KillTeardownFaults.Add(e); }
    }

    private static CloudTrailPipelineService Pipeline(WebApplication app) =>
        app.Services.GetServices<IHostedService>().OfType<CloudTrailPipelineService>().Single();

    /// <summary>AwsEventId of each event row accepted so far, in arrival order.</summary>
    public List<string> AcceptedEventIds() =>
        Ingestion.AcceptedRows(EventStream).Select(r => r.GetProperty("AwsEventId").GetString()!).ToList();

    public IReadOnlyList<JsonElement> EventRows() => Ingestion.AcceptedRows(EventStream);

    public IReadOnlyList<JsonElement> HealthRows() => Ingestion.AcceptedRows(HealthStream);

    public async Task<List<JsonElement>> DeadLettersAsync()
    {
        var result = new List<JsonElement>();
        await foreach (var item in Container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = Connector.DeadLetter.BlobDeadLetterQueue.Prefix }))
        {
            var blob = (await Container.GetBlobClient(item.Name).DownloadContentAsync()).Value;
            result.Add(JsonDocument.Parse(blob.Content.ToMemory()).RootElement.Clone());
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            try { await StopWorkerAsync(); } catch (Exception) { }
        }
        await Ingestion.DisposeAsync();
        await Aws.DisposeAsync();
    }
}
