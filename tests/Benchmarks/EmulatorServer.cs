using System.Text.Json;
using SentinelAwsIac.Emulators.Hosting;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// The child process (<c>--serve-emulators</c>): starts the emulators, writes <c>READY {info}</c> on stdout, then
/// answers commands read from stdin, one per line: <c>feed</c> (start the live feed), <c>stats</c>
/// (<c>STATS {json}</c>), <c>quit</c>, over <see cref="ChildProcessProtocol"/>; it stops when stdin closes, so it never
/// outlives the benchmark.
/// </summary>
public static class EmulatorServer
{
    public static readonly JsonSerializerOptions Json = ChildProcessProtocol.Json;

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        using var stop = new CancellationTokenSource();
        await using var set = await EmulatorSet.StartAsync(options, stop.Token).ConfigureAwait(false);
        var feed = Task.CompletedTask;
        await ChildProcessProtocol.ServeAsync(set.Info, new Dictionary<string, Func<string[], string?>>
        {
            ["feed"] = _ => { feed = Task.Run(() => set.FeedAsync(stop.Token)); return null; },
            ["stats"] = _ => "STATS " + JsonSerializer.Serialize(set.Stats(), Json),
        }).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await feed.ConfigureAwait(false);
        return 0;
    }
}
