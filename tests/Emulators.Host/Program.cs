using System.Text.Json;
using SentinelAwsIac.Emulators.Host;
using SentinelAwsIac.Emulators.Hosting;

// The emulators for the official-client tests: READY {OfficialClientWorld.Info} on stdout, then `stats` answers
// STATS {json} until stdin closes (ChildProcessProtocol). Nothing here is secret: every key and token is born with
// this process and valid only against these emulators.
await using var world = await OfficialClientWorld.StartAsync();
await ChildProcessProtocol.ServeAsync(world.Info, new Dictionary<string, Func<string?>>
{
    ["stats"] = () => "STATS " + JsonSerializer.Serialize(world.Stats(), ChildProcessProtocol.Json),
});
return 0;
