using System.Diagnostics;
using SentinelAwsIac.Infra.Diff;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The diff command's git side, on a throwaway repository: the base's committed rendering against today's,
/// a stack that is new at the base, an unknown ref, and its usage line.</summary>
public sealed class DiffCommandTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("diff-command-").FullName;

    public DiffCommandTests()
    {
        Git("init", "-q", "-b", "main");
        Directory.CreateDirectory(Path.Combine(_repo, "docs", "stack"));
        File.WriteAllText(Path.Combine(_repo, "docs", "stack", "dev.rendered.json"), """{"resources":{"role":{"type":"aws:iam:Role","properties":{"maxSessionDuration":3600}}}}""");
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base");
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private static string Today(string stack) => """{"resources":{"role":{"type":"aws:iam:Role","properties":{"maxSessionDuration":7200}}}}""";

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = DiffCommand.Run(args, _repo, Today, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Compares_the_committed_rendering_at_the_base_with_today()
    {
        var (code, output, _) = Run("--base", "main", "--stack", "dev");
        Assert.Equal(0, code);
        Assert.Contains("Stack `dev`: program changes since `main`", output);
        Assert.Contains("@ properties.maxSessionDuration\n-   3600\n+   7200\n", output);
    }

    [Fact]
    public void Arguments_may_come_in_either_order()
    {
        Assert.Equal(Run("--base", "main", "--stack", "dev").Out, Run("--stack", "dev", "--base", "main").Out);
    }

    [Fact]
    public void A_stack_without_a_rendering_at_the_base_is_all_added()
    {
        var (code, output, _) = Run("--base", "main", "--stack", "prod");
        Assert.Equal(0, code);
        Assert.Contains("new at `main`", output);
        Assert.Contains("### added resource `role` (aws:iam:Role)", output);
    }

    [Fact]
    public void An_unknown_ref_is_an_error_that_says_how_to_fetch_it()
    {
        var (code, output, error) = Run("--base", "origin/no-such-branch", "--stack", "dev");
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("fetch", error);
    }

    [Fact]
    public void Missing_arguments_print_the_usage()
    {
        var (code, _, error) = Run("--stack", "dev");
        Assert.Equal(64, code);
        Assert.Contains(DiffCommand.Usage, error);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repo, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }
}
