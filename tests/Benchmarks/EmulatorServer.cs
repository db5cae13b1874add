using System.Text.Json;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// The child process (<c>--serve-emulators</c>): starts the emulators, writes <c>READY {info}</c> on stdout, then
/// answers commands read from stdin, one per line: <c>feed</c> (start the live feed), <c>stats</c>
/// (<c>STATS {json}</c>), <c>quit</c>. It stops when stdin closes, so it never outlives the benchmark.
/// </summary>
public static class EmulatorServer
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        using var stop = new CancellationTokenSource();
        await using var set = await EmulatorSet.StartAsync(options, stop.Token).ConfigureAwait(false);
        var output = Console.Out;
        await output.WriteLineAsync("READY " + JsonSerializer.Serialize(set.Info, Json)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        Task feed = Task.CompletedTask;
        string? line;
        while ((line = await Console.In.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            switch (line.Trim())
            {
                case "feed":
                    feed = Task.Run(() => set.FeedAsync(stop.Token));
                    break;
                case "stats":
                    await output.WriteLineAsync("STATS " + JsonSerializer.Serialize(set.Stats(), Json)).ConfigureAwait(false);
                    await output.FlushAsync().ConfigureAwait(false);
                    break;
                case "quit":
                    goto done;
            }
        }
    done:
        await stop.CancelAsync().ConfigureAwait(false);
        await feed.ConfigureAwait(false);
        return 0;
    }
}
