using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SentinelAwsIac.Emulators.Tls;

/// <summary>
/// A self-signed server certificate for HTTPS emulators on 127.0.0.1, generated at start, and an HTTP handler that
/// trusts exactly that certificate (and the normal chain otherwise), so clients run their real TLS code path.
/// </summary>
public static class LoopbackCertificate
{
    /// <summary>ECDSA P-256 certificate for 127.0.0.1, ::1 and localhost, server authentication, valid for a week.</summary>
    public static X509Certificate2 Create(string subjectName = "SentinelAwsIac emulator")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subjectName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every OS.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>True when the server presented <paramref name="trusted"/> or a chain the OS trusts.</summary>
    public static bool Validate(X509Certificate2 trusted, X509Certificate? presented, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData));

    /// <summary>A handler for HttpClient or Azure.Core's HttpClientTransport that trusts the emulator's certificate.</summary>
    public static HttpMessageHandler CreateTrustingHandler(X509Certificate2 trusted) => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, errors) => Validate(trusted, presented, errors),
        },
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };
}
