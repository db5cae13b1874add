using SentinelAwsIac.Connector.Storage;
using SentinelAwsIac.Emulators.Azurite;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Storage;

/// <summary>One Azurite blob service for every test class in the "Azurite" collection; each test uses its own container.</summary>
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

    /// <summary>A name no other test uses (the container is not created).</summary>
    public string NewContainerName() => $"t{Environment.ProcessId}-{Interlocked.Increment(ref _next)}";

    public BlobContainerClient NewContainer(BlobClientOptions? options = null) =>
        new(Azurite.ContainerUri(NewContainerName()), new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey), options);
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
