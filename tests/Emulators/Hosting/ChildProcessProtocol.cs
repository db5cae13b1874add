using System.Text.Json;

namespace SentinelAwsIac.Emulators.Hosting;

/// <summary>
/// The line protocol of a process that serves emulators to another process (the benchmark's emulator child, the
/// emulator host of the official-client tests): it writes <c>READY {json}</c> on stdout once the emulators listen,
/// then answers commands read from stdin, one per line, until <c>quit</c> or until stdin closes, so it never outlives
/// the process that started it. A line is a command name and its arguments, separated by spaces; the command's handler
/// gets the arguments and returns its reply line, or null for none. An unknown command, or a handler that throws
/// <see cref="FormatException"/> or <see cref="ArgumentException"/>, is answered <c>ERROR …</c>.
/// </summary>
public static class ChildProcessProtocol
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task ServeAsync(object readyInfo, IReadOnlyDictionary<string, Func<string[], string?>> commands)
    {
        ArgumentNullException.ThrowIfNull(readyInfo);
        ArgumentNullException.ThrowIfNull(commands);
        var output = Console.Out;
        await output.WriteLineAsync("READY " + JsonSerializer.Serialize(readyInfo, readyInfo.GetType(), Json)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        string? line;
        while ((line = await Console.In.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0) continue;
            if (words[0] == "quit") return;
            string? reply;
            try
            {
                reply = commands.TryGetValue(words[0], out var handler) ? handler(words[1..]) : $"ERROR unknown command '{words[0]}'";
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                reply = $"ERROR {words[0]}: {e.Message}";
            }
            if (reply is null) continue;
            await output.WriteLineAsync(reply).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
