using System.Diagnostics;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// The connector is measured under the runtime settings the stack deploys the worker with (contracts WorkerSettings:
/// the GC gen0 budget, which .NET reads only from the environment). When the benchmark was started without them it
/// starts itself again with them, passing its output through; <c>--runtime-defaults</c> measures the runtime's own
/// defaults instead.
/// </summary>
internal static class DeployedRuntime
{
    public const string DefaultsFlag = "--runtime-defaults";

    /// <summary>The exit code of the relaunched benchmark, or null when this process is the one to measure.</summary>
    public static async Task<int?> RelaunchIfNeededAsync(string[] args)
    {
        if (args.Contains(DefaultsFlag) || args.Contains("--serve-emulators")
            || Environment.GetEnvironmentVariable(WorkerSettings.GcGen0BudgetVariable) is not null)
        {
            return null;
        }

        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program to relaunch");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(DeployedRuntime).Assembly.Location);
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment[WorkerSettings.GcGen0BudgetVariable] = WorkerSettings.GcGen0BudgetValue;

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    /// <summary>The arguments without <see cref="DefaultsFlag"/>, for the option parser.</summary>
    public static string[] WithoutFlag(string[] args) => args.Where(a => a != DefaultsFlag).ToArray();
}
