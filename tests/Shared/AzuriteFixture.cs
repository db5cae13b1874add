using Azure.Storage;
using Azure.Storage.Blobs;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Emulators.Azurite;
using Xunit;

namespace SentinelAwsIac.Tests.Shared;

/// <summary>
/// One Azurite blob service (<see cref="AzuriteProcess"/>) shared by the test classes of an xunit collection; each test
/// uses its own container. Needs tests/Conformance/node_modules (bash tests/Conformance/install.sh). Linked into the
/// test projects that use Azurite (see their .csproj), so the fixture is written once.
/// </summary>
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

    /// <summary>An Azure.Storage.Blobs client for a new (not created) container, with the development account's key
    /// and the worker's options (its pinned service version) unless <paramref name="options"/> says otherwise.</summary>
    public BlobContainerClient NewContainer(BlobClientOptions? options = null) => Container(NewContainerName(), options);

    public BlobContainerClient Container(string name, BlobClientOptions? options = null) =>
        new(Azurite.ContainerUri(name), new StorageSharedKeyCredential(AzuriteProcess.AccountName, AzuriteProcess.AccountKey),
            options ?? CheckpointBlobClientOptions.For(Azurite.ContainerUri(name)));
}
