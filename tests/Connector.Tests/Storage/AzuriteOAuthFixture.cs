using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using SentinelAwsIac.Connector.Storage;
using SentinelAwsIac.Emulators.Azurite;
using SentinelAwsIac.Emulators.Tls;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Storage;

/// <summary>
/// A second Azurite, over HTTPS with <c>--oauth basic</c> (<see cref="AzuriteProcess.StartWithOAuthAsync"/>), serving a
/// certificate made for 127.0.0.1 at start; clients trust exactly that certificate through their transport. Each test
/// uses its own container. Needs tests/Conformance/node_modules like <see cref="Shared.AzuriteFixture"/>: missing, the
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

    /// <summary>Options whose transport trusts Azurite's certificate and records each request's Authorization scheme.</summary>
    public BlobClientOptions NewOptions(out AuthorizationRecordingHandler recorder)
    {
        recorder = new AuthorizationRecordingHandler(LoopbackCertificate.CreateTrustingHandler(Azurite.Certificate!));
        return new BlobClientOptions { Transport = new HttpClientTransport(recorder) };
    }

    /// <summary>A bearer-token client for a new (not created) container.</summary>
    public BlobContainerClient NewContainer(UnsignedJwtCredential credential, out AuthorizationRecordingHandler recorder, string? containerName = null) =>
        new(Azurite.ContainerUri(containerName ?? NewContainerName()), credential, NewOptions(out recorder));
}
