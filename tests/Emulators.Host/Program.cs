using System.Globalization;
using System.Text.Json;
using SentinelAwsIac.Emulators.Host;
using SentinelAwsIac.Emulators.Hosting;
using SentinelAwsIac.Emulators.LogsIngestion;

// The emulators for the official-client tests: READY {OfficialClientWorld.Info} on stdout, then commands until stdin
// closes (ChildProcessProtocol): `stats` answers STATS {json}; `ingestion-faults <count> <status> [retry-after-seconds]`
// makes the Logs Ingestion emulator answer its next requests with that status, and answers OK. Nothing here is
// secret: every key and token is born with this process and valid only against these emulators.
await using var world = await OfficialClientWorld.StartAsync();
await ChildProcessProtocol.ServeAsync(world.Info, new Dictionary<string, Func<string[], string?>>
{
    ["stats"] = _ => "STATS " + JsonSerializer.Serialize(world.Stats(), ChildProcessProtocol.Json),
    ["ingestion-faults"] = args =>
    {
        if (args.Length is < 2 or > 3) throw new ArgumentException("usage: ingestion-faults <count> <status> [retry-after-seconds]");
        var retryAfter = args.Length == 3 ? TimeSpan.FromSeconds(int.Parse(args[2], CultureInfo.InvariantCulture)) : (TimeSpan?)null;
        world.LogsIngestion.InjectFaults(int.Parse(args[0], CultureInfo.InvariantCulture), new InjectedFault(int.Parse(args[1], CultureInfo.InvariantCulture), retryAfter));
        return "OK";
    },
});
return 0;
