using System.Diagnostics;

namespace SentinelAwsIac.Infra.Packaging;

/// <summary>Makes sure the package the program refers to exists on disk before Pulumi uploads it.</summary>
public interface IConnectorPublisher
{
    void EnsurePublished(string rootDirectory, ConnectorPackage package, CancellationToken cancellationToken);
}

/// <summary>
/// Publishes the connector with <c>dotnet publish</c> (intermediate files in .build/connector-artifacts, away from
/// the developers' own bin/obj) into .build/connector and zips it to .build/connector-&lt;hash&gt;.zip.
/// Incremental: when the zip for the current source hash exists, nothing runs, so a preview without a code change
/// stays quick. All tool output goes to stderr: the compiler's stdout carries only the program.
/// </summary>
public sealed class ConnectorPublisher(TextWriter log) : IConnectorPublisher
{
    public void EnsurePublished(string rootDirectory, ConnectorPackage package, CancellationToken cancellationToken)
    {
        var zip = Path.Combine(rootDirectory, package.ZipPath);
        if (File.Exists(zip))
        {
            log.WriteLine($"connector package {package.BlobName} is up to date.");
            return;
        }

        var buildFolder = Path.Combine(rootDirectory, ConnectorPackage.BuildFolder);
        var output = Path.Combine(buildFolder, "connector");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        log.WriteLine($"publishing the connector to {ConnectorPackage.BuildFolder}/connector …");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = rootDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", Path.Combine("connector", "SentinelAwsIac.Connector.csproj"), "-c", "Release", "-o", output, "--artifacts-path", Path.Combine(buildFolder, "connector-artifacts"), "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet publish`. Fix: install the .NET 10 SDK and put dotnet on PATH.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet publish connector` failed with exit code {process.ExitCode} (its output is above). Fix the build error, then run `pulumi up` again.");
        }

        // Old packages of this folder are of no use once a newer one exists.
        foreach (var old in Directory.EnumerateFiles(buildFolder, "connector-*.zip"))
        {
            File.Delete(old);
        }

        DeterministicZip.Create(output, zip);
        log.WriteLine($"connector package {package.BlobName} written.");
    }
}
