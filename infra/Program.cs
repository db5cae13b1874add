using SentinelAwsIac.Infra;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Diff;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Packaging;

// The stack's Pulumi YAML compiler (Pulumi.yaml: runtime yaml, options.compiler: bash infra/compile).
//   (no arguments)          compiler mode: reads PULUMI_CONFIG / PULUMI_STACK, prints the program on stdout.
//   render  --stack <name>  prints the program for Pulumi.<name>.yaml, offline (nothing is published).
//   explain --stack <name>  prints the resources, trust, permissions and data flow for a reviewer.
//   config-reference        prints the config table of docs/stack/config.md.
//   diff --base <ref> --stack <name>  prints what changed since <ref>'s docs/stack/<name>.rendered.json (infra/Diff).
// stdout carries only the program (or the explanation); every message goes to stderr.
try
{
    var root = Compiler.FindRootDirectory();
    using var cancellation = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

    if (args.Length == 0)
    {
        var config = Compiler.ParsePulumiConfig(Environment.GetEnvironmentVariable("PULUMI_CONFIG"));
        // A real Run has PULUMI_STACK; the package listing run has no PULUMI_* env and must not publish.
        // SENTINEL_AWS_IAC_NO_PUBLISH=1 (the conformance gate) checks the program without building the worker.
        var isRun = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PULUMI_STACK"))
            && Environment.GetEnvironmentVariable("SENTINEL_AWS_IAC_NO_PUBLISH") != "1";
        var (_, program) = Compiler.Build(config, root, isRun ? new ConnectorPublisher(Console.Error) : null, cancellation.Token);
        Console.Out.Write(program.Render());
        return 0;
    }

    if (args is [var command, "--stack", var stack] && command is "render" or "explain")
    {
        var config = StackFile.Read(StackFile.PathFor(root, stack));
        var (settings, program) = Compiler.Build(config, root, publisher: null, cancellation.Token);
        Console.Out.Write(command == "render" ? program.Render() : Explainer.Explain(stack, settings, program));
        return 0;
    }

    if (args is ["diff", ..])
    {
        return DiffCommand.Run(args[1..], root, stack => Compiler.Build(StackFile.Read(StackFile.PathFor(root, stack)), root, publisher: null, cancellation.Token).Program.Render(), Console.Out, Console.Error);
    }

    if (args is ["config-reference"])
    {
        Console.Out.Write(ConfigReference.Table());
        return 0;
    }

    Console.Error.WriteLine("usage: SentinelAwsIac.Infra                      (as Pulumi's YAML compiler)");
    Console.Error.WriteLine("       SentinelAwsIac.Infra render  --stack <name>  (print the program for Pulumi.<name>.yaml)");
    Console.Error.WriteLine("       SentinelAwsIac.Infra explain --stack <name>  (print it for a reviewer)");
    Console.Error.WriteLine("       SentinelAwsIac.Infra config-reference        (print the config table of docs/stack/config.md)");
    Console.Error.WriteLine($"       SentinelAwsIac.Infra {DiffCommand.Usage}  (what changed since that ref's committed rendering)");
    return 64;
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
