using SentinelAwsIac.Emulators.Azurite;
using Xunit;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>One Azurite blob service (the shared <see cref="AzuriteProcess"/>) for the whole integration suite; each test
/// uses its own container. Needs tests/Conformance/node_modules (bash tests/Conformance/install.sh).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private int _next;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _azurite = await AzuriteProcess.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
    }

    public string NewContainerName() => $"it{Environment.ProcessId}-{Interlocked.Increment(ref _next)}";
}

/// <summary>The integration tests run one after another: each starts a worker with four partitions' worth of work, and a
/// 2-core machine gives the most honest picture when they do not compete.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Worker";
}
