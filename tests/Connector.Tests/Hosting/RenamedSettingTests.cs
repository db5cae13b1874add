using Microsoft.Extensions.Configuration;
using SentinelAwsIac.Connector.Hosting;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Hosting;

public sealed class RenamedSettingTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void The_former_dead_letter_folder_key_stops_the_start_naming_the_new_key()
    {
        var errors = StartupValidation.UnknownKeys(Config((WorkerSettings.FormerDeadLetterPath, "/var/dl"))).ToList();

        var error = Assert.Single(errors);
        Assert.StartsWith("Sink:DeadLetterPath (environment variable Sink__DeadLetterPath) was renamed", error);
        Assert.Contains("Set DeadLetters:Directory (environment variable DeadLetters__Directory) instead", error);
    }

    [Fact]
    public void The_new_dead_letter_section_is_known_and_its_typos_are_not()
    {
        Assert.Empty(StartupValidation.UnknownKeys(Config((WorkerSettings.DeadLetterDirectory, "/var/dl"))));
        var error = Assert.Single(StartupValidation.UnknownKeys(Config(("DeadLetters:Folder", "/var/dl"))));
        Assert.StartsWith("DeadLetters:Folder is not a setting of the worker", error);
        Assert.Contains("Directory", error);
    }
}
