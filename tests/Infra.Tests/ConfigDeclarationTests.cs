using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The program declares in <c>config:</c> only what stays a reference: the secrets, each under a key of its
/// own that names the stack key (tests/Conformance/pulumi-yaml/RULES.md R2, R3), used only inside fn::secret.</summary>
public sealed class ConfigDeclarationTests
{
    public static TheoryData<string> AllModes => new(Emit.Modes.Keys);

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Only_secrets_are_declared_and_every_use_is_secret(string mode)
    {
        var program = Emit.View(Emit.Modes[mode]);
        var secretKeys = ConfigKeys.All.Where(k => k.Secret).Select(k => k.Key).ToHashSet();
        foreach (var (name, declaration) in program.Config)
        {
            var key = declaration!["name"]!.GetValue<string>();
            Assert.Contains(key, secretKeys);
            Assert.Equal(key + "Text", name);
            Assert.Equal("string", declaration["type"]!.GetValue<string>());
            Assert.True(declaration["secret"]!.GetValue<bool>());
            Assert.Null(declaration["default"]);
            Assert.All(program.References().Where(r => r.Expression == name), r => Assert.EndsWith(".fn::secret", r.Path, StringComparison.Ordinal));
        }

        // No stack key is referenced by its own name: its value would arrive as the engine guessed it (R1, R2).
        var keys = ConfigKeys.All.Select(k => k.Key).ToHashSet();
        Assert.DoesNotContain(program.References(), r => keys.Contains(r.Expression.Split('.')[0]));
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void No_resource_variable_or_declaration_is_named_like_a_config_key(string mode)
    {
        // The engine registers every stack value under its key, in the namespace the program's resources, variables
        // and config declarations share (RULES.md R2): a program name equal to a key would collide with it.
        var program = Emit.View(Emit.Modes[mode]);
        var keys = ConfigKeys.All.Select(k => k.Key).ToHashSet();
        var names = program.ResourcesSection.Select(r => r.Key).Concat(program.Variables.Select(v => v.Key)).Concat(program.Config.Select(c => c.Key));
        Assert.DoesNotContain(names, keys.Contains);
    }

    [Fact]
    public void A_secret_key_set_offline_as_secure_is_declared_and_a_plain_key_set_as_secure_is_refused()
    {
        var config = Emit.Config(("alertEmail", "secops@example.com"));
        config["sentinel-aws-iac:externalId"] = null; // secure: in a stack file, unknown offline
        var program = new ProgramView(Compiler.Build(config, Repo.Root, publisher: null, CancellationToken.None).Program.ToJson());
        Assert.Equal(["externalIdText"], program.Config.Select(c => c.Key));

        config["sentinel-aws-iac:alertEmail"] = null;
        var error = Assert.Throws<ConfigException>(() => Compiler.Build(config, Repo.Root, publisher: null, CancellationToken.None));
        Assert.Equal("sentinel-aws-iac:alertEmail", error.Key);
        Assert.Contains("without --secret", error.Message, StringComparison.Ordinal);
    }
}
