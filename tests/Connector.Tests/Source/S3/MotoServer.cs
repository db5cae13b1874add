using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using SentinelAwsIac.Connector.Source.S3;

namespace SentinelAwsIac.Connector.Tests.Source.S3;

/// <summary>
/// moto 5.2.1 (`python3 -m moto.server`), a third-party S3 and SQS that speaks their wire protocols, as a child
/// process on a free loopback port; S3 sends its ObjectCreated notifications to SQS queues like the real service.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    public const string Region = "us-east-1";

    private readonly Process _process;

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    public S3SourceOptions Options(string queueUrl) => new() { QueueUrl = queueUrl, Region = Region, ServiceUrl = Endpoint };

    public static async Task<MotoServer> StartAsync()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m moto.server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"moto.server exited with code {process.ExitCode} before it answered (is moto installed for python3?)");
            try
            {
                using var response = await http.GetAsync(new Uri(server.Endpoint, "moto-api/"));
                return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
