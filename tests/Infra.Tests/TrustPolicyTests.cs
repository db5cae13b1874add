using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class TrustPolicyTests
{
    public static TheoryData<string> AllModes => new(Emit.Modes.Keys);

    [Theory]
    [MemberData(nameof(AllModes))]
    public void No_role_trusts_a_wildcard_and_every_AssumeRole_requires_the_external_id(string mode)
    {
        var program = Emit.View(Emit.Modes[mode]);
        var roles = program.OfType("aws:iam:Role").ToList();
        Assert.NotEmpty(roles);
        foreach (var (name, role) in roles)
        {
            var statement = program.Statement(role["properties"]!["assumeRolePolicy"]!.GetValue<string>());
            Assert.Equal("Allow", statement["effect"]!.GetValue<string>());
            var principals = statement["principals"]!.AsArray();
            Assert.NotEmpty(principals);
            foreach (var identifier in principals.SelectMany(p => p!["identifiers"]!.AsArray()).Select(i => i!.GetValue<string>()))
            {
                Assert.DoesNotContain("*", identifier);
            }

            var actions = statement["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            if (actions.Contains("sts:AssumeRole"))
            {
                var condition = Assert.Single(statement["conditions"]!.AsArray())!;
                Assert.Equal("StringEquals", condition["test"]!.GetValue<string>());
                Assert.Equal("sts:ExternalId", condition["variable"]!.GetValue<string>());
                // An output (the generated UUID, the workspace ID) or a secret config reference inside fn::secret.
                var node = Assert.Single(condition["values"]!.AsArray())!;
                var value = node is JsonObject secret ? secret["fn::secret"]!.GetValue<string>() : node.GetValue<string>();
                Assert.DoesNotContain("*", value);
                Assert.StartsWith("${", value);
            }

            Assert.All(actions, a => Assert.DoesNotContain("*", a));
            _ = name;
        }
    }

    [Fact]
    public void Worker_reader_role_trusts_only_the_broker_role_with_the_generated_external_id()
    {
        var program = Emit.View();
        var statement = program.Statement(program.Properties("readerRole")["assumeRolePolicy"]!.GetValue<string>());
        var principal = Assert.Single(statement["principals"]!.AsArray())!;
        Assert.Equal("AWS", principal["type"]!.GetValue<string>());
        Assert.Equal("${brokerRole.arn}", Assert.Single(principal["identifiers"]!.AsArray())!.GetValue<string>());
        Assert.Equal(["sts:AssumeRole"], statement["actions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var externalId = Assert.Single(statement["conditions"]![0]!["values"]!.AsArray())!.GetValue<string>();
        Assert.Equal("${readerExternalId.result}", externalId);
        Assert.Equal("random:RandomUuid", program.Resource("readerExternalId")["type"]!.GetValue<string>());
    }

    [Fact]
    public void Broker_trusts_only_tokens_of_the_worker_identity_pinned_by_audience_and_subject()
    {
        var program = Emit.View();
        const string issuer = "sts.windows.net/${azureClient.tenantId}/";
        var provider = program.Properties("entraIdOidcProvider");
        Assert.Equal($"https://{issuer}", provider["url"]!.GetValue<string>());
        Assert.Equal("${workerIdentity.clientId}", Assert.Single(provider["clientIdLists"]!.AsArray())!.GetValue<string>());

        var statement = program.Statement(program.Properties("brokerRole")["assumeRolePolicy"]!.GetValue<string>());
        Assert.Equal(["sts:AssumeRoleWithWebIdentity"], statement["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var principal = Assert.Single(statement["principals"]!.AsArray())!;
        Assert.Equal("Federated", principal["type"]!.GetValue<string>());
        Assert.Equal("${entraIdOidcProvider.arn}", Assert.Single(principal["identifiers"]!.AsArray())!.GetValue<string>());

        var conditions = statement["conditions"]!.AsArray()
            .ToDictionary(c => c!["variable"]!.GetValue<string>(), c => (Test: c!["test"]!.GetValue<string>(), Value: Assert.Single(c["values"]!.AsArray())!.GetValue<string>()));
        Assert.Equal(2, conditions.Count);
        Assert.Equal(("StringEquals", "${workerIdentity.clientId}"), conditions[issuer + ":aud"]);
        Assert.Equal(("StringEquals", "${workerIdentity.principalId}"), conditions[issuer + ":sub"]);
    }

    [Fact]
    public void Sentinel_mode_trusts_Microsofts_account_with_the_workspace_id_as_external_id()
    {
        var program = Emit.View(("mode", "sentinel"));
        var statement = program.Statement(program.Properties("readerRole")["assumeRolePolicy"]!.GetValue<string>());
        var principal = Assert.Single(statement["principals"]!.AsArray())!;
        Assert.Equal($"arn:aws:iam::{WellKnownIds.SentinelAwsAccountId}:root", Assert.Single(principal["identifiers"]!.AsArray())!.GetValue<string>());
        Assert.Equal("${logAnalyticsWorkspace.customerId}", statement["conditions"]![0]!["values"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Access_key_broker_trusts_the_configured_principal_written_as_a_literal()
    {
        var program = Emit.View(Emit.AccessKeyBroker);
        var statement = program.Statement(program.Properties("readerRole")["assumeRolePolicy"]!.GetValue<string>());
        Assert.Equal(Emit.PrincipalArn, statement["principals"]![0]!["identifiers"]![0]!.GetValue<string>());
        Assert.Null(program.ResourcesSection["entraIdOidcProvider"]);
        Assert.Null(program.ResourcesSection["brokerRole"]);
    }

    [Fact]
    public void User_supplied_external_id_is_a_secret_config_reference_and_no_uuid_is_generated()
    {
        // Digits only: the engine would guess a number for the stack key itself (RULES.md R1), so the program declares
        // it under a key of its own that names the stack key and reads it as the string that was set (R3).
        const string digitsOnly = "12345678901";
        var program = Emit.View(("externalId", digitsOnly));
        var declaration = Assert.Single(program.Config);
        Assert.Equal("externalIdText", declaration.Key);
        Assert.Equal("string", declaration.Value!["type"]!.GetValue<string>());
        Assert.Equal("externalId", declaration.Value!["name"]!.GetValue<string>());
        Assert.True(declaration.Value!["secret"]!.GetValue<bool>());
        Assert.Null(program.ResourcesSection["readerExternalId"]);
        Assert.DoesNotContain(program.Strings(), s => s.Value.Contains(digitsOnly, StringComparison.Ordinal));

        // Every use is wrapped in fn::secret: the trust condition, the app setting and the output.
        var uses = program.References().Where(r => r.Expression == "externalIdText").Select(r => r.Path).ToList();
        Assert.Equal(3, uses.Count);
        Assert.All(uses, path => Assert.EndsWith(".fn::secret", path, StringComparison.Ordinal));
        Assert.Equal("${externalIdText}", program.Outputs["externalId"]!["fn::secret"]!.GetValue<string>());
    }

    [Fact]
    public void Reader_role_carries_the_configured_session_limit_name_prefix_and_tags()
    {
        var program = Emit.View(("maxSessionDurationSeconds", "7200"), ("tags", """{"owner":"secops"}"""));
        var reader = program.Properties("readerRole");
        // Literals of the property's own type: an integer, a string (no config declaration the engine could retype).
        Assert.Equal(7200, reader["maxSessionDuration"]!.GetValue<int>());
        Assert.Equal(ConfigKeys.ReaderRoleNamePrefix.Default, reader["namePrefix"]!.GetValue<string>());
        Assert.Empty(program.Config);
        Assert.Equal("secops", reader["tags"]!["owner"]!.GetValue<string>());
    }
}
