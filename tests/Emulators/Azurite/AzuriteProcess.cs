using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SentinelAwsIac.Emulators.Tls;

namespace SentinelAwsIac.Emulators.Azurite;

/// <summary>
/// Azurite's blob service (npm package <c>azurite</c>, pinned in tests/Conformance/package.json) as a child process
/// on 127.0.0.1 and a free port, in memory, with the API-version check ON (no <c>--skipApiVersionCheck</c>, so the
/// client's x-ms-version is checked) and strict mode (no <c>--loose</c>, so unsupported headers fail).
/// Usage: <c>await using var azurite = await AzuriteProcess.StartAsync(ct);</c> then
/// <see cref="ContainerUri"/> + <see cref="AccountName"/>/<see cref="AccountKey"/>, or <see cref="ConnectionString"/>.
/// Dispose kills the process tree.
/// <see cref="StartWithOAuthAsync"/> starts it over HTTPS with <c>--oauth basic</c> (Azurite README, "OAuth
/// Configuration": OAuth requires HTTPS, <c>--cert</c> + <c>--key</c> PEM files): bearer tokens are then checked for
/// issuer, audience, nbf and exp, but not their signature (Azurite's BlobTokenAuthenticator, basic level).
/// Binary: <c>AZURITE_BLOB_BIN</c> if set, else tests/Conformance/node_modules/.bin/azurite-blob found above the
/// current or output folder, or beside this source file. Missing → an exception saying how to install it; the
/// tests that need it fail, they are never skipped.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (Azurite README, "Default storage account"). Public.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development key (Azurite README). Public, not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string BinaryVariable = "AZURITE_BLOB_BIN";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60); // generous: a loaded 2-core CI machine

    private readonly Process _process;
    private readonly string _workspace;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, int port, string workspace, StringBuilder output, X509Certificate2? certificate)
    {
        _process = process;
        _workspace = workspace;
        _output = output;
        Port = port;
        Certificate = certificate;
        BlobEndpoint = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{port}/{AccountName}");
    }

    /// <summary>The HTTPS server certificate (<see cref="StartWithOAuthAsync"/>), or null over plain HTTP.
    /// Clients trust it with <see cref="LoopbackCertificate.CreateTrustingHandler"/>.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>True when started with <c>--oauth basic</c> (HTTPS).</summary>
    public bool OAuth => Certificate is not null;

    public int Port { get; }

    /// <summary>Path-style account endpoint: http://127.0.0.1:&lt;port&gt;/devstoreaccount1.</summary>
    public Uri BlobEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol={BlobEndpoint.Scheme};AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};";

    public Uri ContainerUri(string containerName) => new($"{BlobEndpoint}/{containerName}");

    /// <summary>What Azurite printed so far (for failure messages).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(null, cancellationToken);

    /// <summary>
    /// Azurite over HTTPS with <c>--oauth basic</c>, serving <paramref name="certificate"/> (with its private key,
    /// e.g. <see cref="LoopbackCertificate.Create"/>), which is written as PEM files into the process's temp working
    /// directory. Shared Key keeps working; a request with <c>Authorization: Bearer</c> is accepted only with a token
    /// whose iss starts with an Entra issuer (https://sts.windows.net/...), whose aud is https://storage.azure.com (or
    /// the account's blob endpoint) and whose nbf/exp hold (Azurite 3.35.0, dist/src/blob/authentication/
    /// BlobTokenAuthenticator.js, VALID_ISSUE_PREFIXES and VALID_BLOB_AUDIENCES); failures are 403 AuthenticationFailed.
    /// </summary>
    public static Task<AzuriteProcess> StartWithOAuthAsync(X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
            throw new ArgumentException("Azurite needs the HTTPS certificate's private key: pass a certificate with one (LoopbackCertificate.Create).", nameof(certificate));
        return StartAsync(certificate, cancellationToken);
    }

    private static async Task<AzuriteProcess> StartAsync(X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var binary = FindBinary();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++) // a port picked free can be taken before Azurite binds it
        {
            try
            {
                return await StartOnceAsync(binary, FreePort(), certificate, cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException ex)
            {
                last = ex;
            }
        }
        throw last!;
    }

    private static async Task<AzuriteProcess> StartOnceAsync(string binary, int port, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var workspace = Directory.CreateTempSubdirectory("azurite-").FullName; // working directory (--location cannot be combined with --inMemoryPersistence)
        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workspace,
        };
        foreach (var arg in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--disableTelemetry", // the working directory is a temp folder, so nothing lands in the repo
                 })
        {
            info.ArgumentList.Add(arg);
        }
        if (certificate is not null)
        {
            var (certFile, keyFile) = WritePem(certificate, workspace);
            foreach (var arg in new[] { "--cert", certFile, "--key", keyFile, "--oauth", "basic" })
                info.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InvalidOperationException($"Could not start Azurite '{binary}': {ex.Message}. Fix: run `npm ci` in tests/Conformance (the README's test command does it), or set {BinaryVariable}.", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, port, workspace, output, certificate);
        try
        {
            await azurite.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Polls until the blob service answers HTTP on its port (any status means it is up).</summary>
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = Certificate is null
            ? new HttpClient { Timeout = TimeSpan.FromSeconds(5) }
            : new HttpClient(LoopbackCertificate.CreateTrustingHandler(Certificate)) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        Exception? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new AzuriteStartException($"Azurite exited with code {_process.ExitCode} before answering on port {Port}. Its output:\n{Output}");
            try
            {
                using var response = await http.GetAsync($"{BlobEndpoint}?comp=list", cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException ex)
            {
                lastError = ex; // e.g. not listening yet, or (HTTPS) a TLS failure worth showing on timeout
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new AzuriteStartException($"Azurite did not answer on port {Port} within {StartTimeout.TotalSeconds} s (last error: {lastError?.GetBaseException().Message ?? "none"}). Its output:\n{Output}");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        finally
        {
            _process.Dispose();
            try { Directory.Delete(_workspace, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The certificate and its PKCS#8 private key as PEM files (Node's https server reads both kinds of key).</summary>
    private static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string directory)
    {
        var certFile = Path.Combine(directory, "azurite-cert.pem");
        var keyFile = Path.Combine(directory, "azurite-key.pem");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        using var ecdsa = certificate.GetECDsaPrivateKey();
        using var rsa = ecdsa is null ? certificate.GetRSAPrivateKey() : null;
        var key = (System.Security.Cryptography.AsymmetricAlgorithm?)ecdsa ?? rsa
                  ?? throw new ArgumentException("The HTTPS certificate's key is neither ECDSA nor RSA; Azurite needs a PEM key it can read.", nameof(certificate));
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The azurite-blob launcher, or an exception that says how to install it.</summary>
    public static string FindBinary([CallerFilePath] string thisFile = "")
    {
        var name = OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob";
        var fromEnvironment = Environment.GetEnvironmentVariable(BinaryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (File.Exists(fromEnvironment)) return fromEnvironment;
            throw new FileNotFoundException($"{BinaryVariable} is set to '{fromEnvironment}', which does not exist. Fix: point it at node_modules/.bin/{name}, or unset it and run `npm ci` in tests/Conformance.");
        }

        var relative = Path.Combine("tests", "Conformance", "node_modules", ".bin", name);
        var starts = new[]
        {
            Directory.GetCurrentDirectory(),
            AppContext.BaseDirectory,
            // Source location at build time: tests/Emulators/Azurite/ → repository root, for builds whose output
            // is outside the repository (--artifacts-path).
            string.IsNullOrEmpty(thisFile) ? null : Path.GetDirectoryName(thisFile),
        };
        foreach (var start in starts.Where(s => !string.IsNullOrEmpty(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException(
            $"Azurite is not installed: {relative} was not found above {string.Join(", ", starts.Where(s => s is not null).Distinct())}. " +
            $"Fix: run the README's test command, or `npm ci` in tests/Conformance (it installs azurite 3.35.0), or set {BinaryVariable} to an azurite-blob launcher.");
    }

    private sealed class AzuriteStartException(string message) : Exception(message);
}
