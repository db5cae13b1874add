using SentinelAwsIac.Connector.Hosting;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Hosting;

/// <summary>The forms of a setting that .NET's command-line configuration provider reads are accepted; a token it would
/// drop silently is named, never with its value.</summary>
public sealed class SettingTokensTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--Source:Regions=us-east-1")]
    [InlineData("/Source:Regions=us-east-1")]
    [InlineData("Source:Regions=us-east-1")]
    [InlineData("--Source:Regions us-east-1 --Sink:RuleId=dcr-1")]
    [InlineData("--Source:ExternalId=a=b")] // '=' in the value
    [InlineData("--Checkpoints:Directory /tmp/checkpoints")] // a value that starts with '/'
    [InlineData("--Source:ExternalId a=b")]
    public void The_providers_forms_are_settings(string commandLine)
    {
        Assert.Null(SettingTokens.FirstProblem(Tokens(commandLine)));
    }

    [Theory]
    [InlineData("typo", "'typo' is not a setting")]
    [InlineData("--Source:Regions=us-east-1 extra", "'extra' is not a setting")]
    [InlineData("--Source:Regions", "'--Source:Regions' has no value")]
    [InlineData("--Source:Regions --Sink:RuleId=dcr-1", "'--Source:Regions' has no value")]
    [InlineData("-Source:ExternalId=SECRET", "'-Source:ExternalId' is not a setting: write it with two dashes")]
    public void Other_tokens_are_named_with_the_form_to_use(string commandLine, string expected)
    {
        var problem = SettingTokens.FirstProblem(Tokens(commandLine));

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem);
        Assert.DoesNotContain("SECRET", problem);
    }

    /// <summary>The tokens of a command line written with single spaces (none of these tokens holds one).</summary>
    private static string[] Tokens(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
