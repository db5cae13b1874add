using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using SentinelAwsIac.Connector.Checkpoints;
using SentinelAwsIac.Emulators.Azurite;
using SentinelAwsIac.Emulators.Tls;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Azurite;

/// <summary>
/// A second Azurite, over HTTPS with <c>--oauth basic</c> (<see cref="AzuriteProcess.StartWithOAuthAsync"/>), serving a
/// certificate made for 127.0.0.1 at start; clients trust exactly that certificate through their transport. Each test
/// uses its own container. Needs tests/Conformance/node_modules like <see cref="SentinelAwsIac.Tests.Shared.AzuriteFixture"/>: missing, the
/// tests fail with the install hint.
/// </summary>
public sealed class AzuriteOAuthFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;
    private X509Certificate2? _certificate;
    private int _next;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite (OAuth) has not started.");

    public async Task InitializeAsync()
    {
        _certificate = LoopbackCertificate.Create("SentinelAwsIac Azurite OAuth");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _azurite = await AzuriteProcess.StartWithOAuthAsync(_certificate, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync();
        _certificate?.Dispose();
    }

    public string NewContainerName() => $"o{Environment.ProcessId}-{Interlocked.Increment(ref _next)}";

    /// <summary>The worker's options (<see cref="CheckpointBlobClientOptions"/>) with a transport that trusts Azurite's
    /// certificate and records each request's Authorization scheme.</summary>
    public BlobClientOptions NewOptions(Uri containerUri, out AuthorizationRecordingHandler recorder)
    {
        recorder = new AuthorizationRecordingHandler(LoopbackCertificate.CreateTrustingHandler(Azurite.Certificate!));
        var options = CheckpointBlobClientOptions.For(containerUri);
        options.Transport = new HttpClientTransport(recorder);
        return options;
    }

    /// <summary>An Azure.Storage.Blobs bearer-token client for a new (not created) container.</summary>
    public BlobContainerClient NewContainer(UnsignedJwtCredential credential, out AuthorizationRecordingHandler recorder, string? containerName = null)
    {
        var uri = Azurite.ContainerUri(containerName ?? NewContainerName());
        return new BlobContainerClient(uri, credential, NewOptions(uri, out recorder));
    }
}
