using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class ConfigDocsTests
{
    [Fact]
    public void Config_reference_in_the_docs_is_the_table_of_every_key_the_stack_reads()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "docs", "stack", "config.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(text.Contains(ConfigReference.Table(), StringComparison.Ordinal), "docs/stack/config.md does not hold the current config table. Replace the table with the output of: bash infra/compile config-reference");

        var rows = text.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        Assert.Equal(ConfigKeys.All.Count, rows.Count);
        foreach (var key in ConfigKeys.All)
        {
            Assert.Contains(rows, r => r.StartsWith($"| `{key.Qualified}` |", StringComparison.Ordinal));
        }
    }
}
