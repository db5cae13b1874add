using System.Text.Json;

namespace SentinelAwsIac.Emulators.Hosting;

/// <summary>
/// The line protocol of a process that serves emulators to another process (the benchmark's emulator child, the
/// emulator host of the official-client tests): it writes <c>READY {json}</c> on stdout once the emulators listen,
/// then answers commands read from stdin, one per line, until <c>quit</c> or until stdin closes, so it never outlives
/// the process that started it. A command's handler returns its reply line, or null for none; an unknown command is
/// answered <c>ERROR unknown command '…'</c>.
/// </summary>
public static class ChildProcessProtocol
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task ServeAsync(object readyInfo, IReadOnlyDictionary<string, Func<string?>> commands)
    {
        ArgumentNullException.ThrowIfNull(readyInfo);
        ArgumentNullException.ThrowIfNull(commands);
        var output = Console.Out;
        await output.WriteLineAsync("READY " + JsonSerializer.Serialize(readyInfo, readyInfo.GetType(), Json)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        string? line;
        while ((line = await Console.In.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            var command = line.Trim();
            if (command == "quit") return;
            if (command.Length == 0) continue;
            var reply = commands.TryGetValue(command, out var handler) ? handler() : $"ERROR unknown command '{command}'";
            if (reply is null) continue;
            await output.WriteLineAsync(reply).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
