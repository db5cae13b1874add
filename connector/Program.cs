// The connector worker: `run` (default) drains CloudTrail LookupEvents into the Logs Ingestion API; `status` prints the
// checkpoints; `check-config` validates and prints the effective settings. Wiring: Hosting/ConnectorHost.cs.
using SentinelAwsIac.Connector.Hosting;

return await ConnectorCommands.RunAsync(args, Console.Out, Console.Error);
