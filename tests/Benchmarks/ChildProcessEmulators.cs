using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// The emulators in a child process (this program with <c>--serve-emulators</c>), so the benchmark process holds only
/// the connector: its CPU time and peak RSS are the worker's, and the emulators' CPU is read from the child.
/// Both share the machine's cores, as a worker shares them with nothing in production.
/// </summary>
public sealed class ChildProcessEmulators : IEmulatorControl
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ChildProcessEmulators(Process process, EmulatorInfo info)
    {
        _process = process;
        Info = info;
    }

    public EmulatorInfo Info { get; }
    public bool Separate => true;
    public int ProcessId => _process.Id;

    public static async Task<ChildProcessEmulators> StartAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable to start the emulator process.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        // The child holds the whole seeded history (GBs at P=64) and allocates large buffers per response: a blocking
        // gen2 collection of that heap would stall every partition at once. Background GC keeps the emulators
        // responsive; it is a setting of the test harness only, the connector process keeps the worker's GC settings.
        // GC knobs given to the benchmark (e.g. DOTNET_GCConserveMemory to try a worker setting) are the connector's, not the child's.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_gcConcurrent"] = "1";
        // Run as "dotnet SentinelAwsIac.Benchmarks.dll": the child needs the assembly path first.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        foreach (var a in options.ChildArguments()) start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the emulator process '{self}'.");
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (ready is null || !ready.StartsWith("READY ", StringComparison.Ordinal))
                throw new InvalidOperationException("The emulator process stopped before it was ready; its errors are above on stderr.");
            var info = JsonSerializer.Deserialize<EmulatorInfo>(ready["READY ".Length..], EmulatorServer.Json)!;
            return new ChildProcessEmulators(process, info);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public async Task StartFeedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { await _process.StandardInput.WriteLineAsync("feed").ConfigureAwait(false); await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    public async Task<EmulatorStats> StatsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _process.StandardInput.WriteLineAsync("stats").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || !line.StartsWith("STATS ", StringComparison.Ordinal))
                throw new InvalidOperationException($"The emulator process answered '{line}' to 'stats'.");
            return JsonSerializer.Deserialize<EmulatorStats>(line["STATS ".Length..], EmulatorServer.Json)!;
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _process.StandardInput.WriteLineAsync("quit").ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            if (!_process.HasExited) _process.Kill();
        }
        _process.Dispose();
    }
}
