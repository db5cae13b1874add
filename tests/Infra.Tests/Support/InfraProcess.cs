using System.Diagnostics;

namespace SentinelAwsIac.Infra.Tests.Support;

/// <summary>Runs the built compiler as Pulumi does: a separate process, stdout and stderr captured apart.</summary>
internal static class InfraProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>dotnet SentinelAwsIac.Infra.dll</c> in the checkout, with every PULUMI_* variable removed
    /// from the environment and then <paramref name="environment"/> added.</summary>
    public static Result Run(IReadOnlyDictionary<string, string>? environment = null, params string[] args) =>
        Start("dotnet", [Repo.InfraDll, .. args], environment);

    public static Result Start(string fileName, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PULUMI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within 3 minutes.");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
