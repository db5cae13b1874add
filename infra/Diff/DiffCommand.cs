using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SentinelAwsIac.Infra.Diff;

/// <summary>
/// <c>bash infra/compile diff --base &lt;git ref&gt; --stack &lt;name&gt;</c>: the base's committed rendering
/// (<c>git show &lt;ref&gt;:docs/stack/&lt;name&gt;.rendered.json</c>) against the program this checkout renders for
/// Pulumi.&lt;name&gt;.yaml, printed as Markdown on stdout (the pull-request workflow appends it to the job summary).
/// Offline: it reads git and renders; it never calls a cloud. Exit 0 whether or not something changed.
/// </summary>
public static class DiffCommand
{
    public const string Usage = "diff --base <git ref> --stack <name>";

    /// <param name="args">The arguments after <c>diff</c>.</param>
    /// <param name="root">The repository root (where Pulumi.yaml is).</param>
    /// <param name="render">Today's rendering of a stack, by name (the same program <c>render --stack</c> prints).</param>
    public static int Run(string[] args, string root, Func<string, string> render, TextWriter stdout, TextWriter stderr)
    {
        string? baseRef = null, stack = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--base": baseRef = args[i + 1]; break;
                case "--stack": stack = args[i + 1]; break;
                default: baseRef = stack = null; i = args.Length; break;
            }
        }

        if (baseRef is null || stack is null || args.Length != 4)
        {
            stderr.WriteLine($"usage: SentinelAwsIac.Infra {Usage}  (what changed in the program since <git ref>'s docs/stack/<name>.rendered.json)");
            return 64;
        }

        var path = $"docs/stack/{stack}.rendered.json";
        var (found, baseText, error) = GitShow(root, baseRef, path);
        if (error is not null)
        {
            stderr.WriteLine($"error: {error}");
            return 1;
        }

        var today = render(stack);
        JsonNode? before;
        try
        {
            before = found ? JsonNode.Parse(baseText!) : null;
        }
        catch (JsonException e)
        {
            stderr.WriteLine($"error: {baseRef}:{path} is not a JSON program ({e.Message}).");
            return 1;
        }

        var after = JsonNode.Parse(today);
        var title = found
            ? $"Stack `{stack}`: program changes since `{baseRef}`"
            : $"Stack `{stack}`: new at `{baseRef}` (no {path} there), the whole program is added";
        stdout.Write(DiffReport.Write(title, ProgramDiff.Compare(before, after)));
        return 0;
    }

    /// <summary>The file at <paramref name="gitRef"/>, or not found when the ref exists but lacks the file; an error
    /// when the ref itself is unknown (a shallow clone without the base: fetch it).</summary>
    private static (bool Found, string? Text, string? Error) GitShow(string root, string gitRef, string path)
    {
        var verify = Git(root, "rev-parse", "--verify", "--quiet", gitRef + "^{commit}");
        if (verify.ExitCode != 0)
        {
            return (false, null, $"git does not know the ref '{gitRef}' (in CI: check out with fetch-depth 0, or `git fetch origin <branch>`).");
        }

        var show = Git(root, "show", $"{gitRef}:{path}");
        if (show.ExitCode != 0)
        {
            var exists = Git(root, "cat-file", "-e", $"{gitRef}:{path}");
            return exists.ExitCode != 0 ? (false, null, null) : (false, null, $"git show {gitRef}:{path} failed: {show.Stderr.Trim()}");
        }

        return (true, show.Stdout, null);
    }

    private static (int ExitCode, string Stdout, string Stderr) Git(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
