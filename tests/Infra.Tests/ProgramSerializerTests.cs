using System.Text.Json.Nodes;
using SentinelAwsIac.Infra.Program;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam.Inputs;
using SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Resources;
using Xunit;

using PulumiConfig = SentinelAwsIac.Infra.Pulumi.Config;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>The typed layer's resource graph as Pulumi YAML (infra/Program/ProgramSerializer): literals keep their
/// type, outputs become references, invokes become named variables, secrets stay references in fn::secret.</summary>
public sealed class ProgramSerializerTests
{
    private static JsonObject Serialize(Func<IDictionary<string, object?>> program, Dictionary<string, string?>? config = null, params string[] secretKeys)
    {
        var run = Deployment.Run("p", config ?? [], secretKeys.ToHashSet(), program);
        return ProgramSerializer.Serialize(run, "d", []).ToJson();
    }

    [Fact]
    public void Properties_appear_in_the_order_the_program_sets_them_with_their_own_types()
    {
        var json = Serialize(() =>
        {
            _ = new Role("reader", new RoleArgs { Description = "d", AssumeRolePolicy = "{}", MaxSessionDuration = 3600, NamePrefix = "7" });
            _ = new Workspace("ws", new WorkspaceArgs { ResourceGroupName = "rg", RetentionInDays = 1_048_576 });
            return new Dictionary<string, object?>();
        });

        var reader = json["resources"]!["reader"]!;
        Assert.Equal("aws:iam:Role", reader["type"]!.GetValue<string>());
        Assert.Equal(["description", "assumeRolePolicy", "maxSessionDuration", "namePrefix"], reader["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(3600, reader["properties"]!["maxSessionDuration"]!.GetValue<int>());
        // "7" stays the string "7"; a number ≥ 1 000 000 is written in full (no exponent: pulumi/pulumi-yaml#561).
        Assert.Equal("\"7\"", reader["properties"]!["namePrefix"]!.ToJsonString());
        Assert.Equal("1048576", json["resources"]!["ws"]!["properties"]!["retentionInDays"]!.ToJsonString());
        Assert.Equal(PackageVersions.Aws, reader["options"]!["version"]!.GetValue<string>());
        Assert.Empty(json["config"]!.AsObject());
    }

    [Fact]
    public void Outputs_are_references_and_Format_interpolates_them_with_literal_dollar_braces_escaped()
    {
        var json = Serialize(() =>
        {
            var group = new ResourceGroup("rg");
            var workspace = new Workspace("ws", new WorkspaceArgs { ResourceGroupName = group.Name, Location = group.Location });
            return new Dictionary<string, object?>
            {
                ["id"] = workspace.Id,
                ["url"] = Output.Format($"https://{workspace.Name}/${{not-a-ref}}/{42}"),
                ["nested"] = Output.Format($"<{workspace.Name.Apply(n => n + ".example")}>"),
            };
        });

        Assert.Equal("${rg.name}", json["resources"]!["ws"]!["properties"]!["resourceGroupName"]!.GetValue<string>());
        Assert.Equal("${ws.id}", json["outputs"]!["id"]!.GetValue<string>());
        Assert.Equal("https://${ws.name}/$${not-a-ref}/42", json["outputs"]!["url"]!.GetValue<string>());
        Assert.Equal("<${ws.name}.example>", json["outputs"]!["nested"]!.GetValue<string>());
    }

    [Fact]
    public void An_invoke_is_one_variable_named_as_the_csharp_value_and_read_by_property_path()
    {
        var json = Serialize(() =>
        {
            var readerTrustPolicy = GetPolicyDocument.Invoke(new GetPolicyDocumentInvokeArgs
            {
                Statements = { new GetPolicyDocumentStatementInputArgs { Actions = { "sts:AssumeRole" } } },
            });
            _ = new Role("a", new RoleArgs { AssumeRolePolicy = readerTrustPolicy.Apply(d => d.Json) });
            _ = new Role("b", new RoleArgs { AssumeRolePolicy = readerTrustPolicy.Apply(d => d.Json) });
            return new Dictionary<string, object?>();
        });

        Assert.Equal("${readerTrustPolicy.json}", json["resources"]!["a"]!["properties"]!["assumeRolePolicy"]!.GetValue<string>());
        Assert.Equal("${readerTrustPolicy.json}", json["resources"]!["b"]!["properties"]!["assumeRolePolicy"]!.GetValue<string>());
        var invoke = Assert.Single(json["variables"]!.AsObject()).Value!["fn::invoke"]!;
        Assert.Equal("aws:iam:getPolicyDocument", invoke["function"]!.GetValue<string>());
        Assert.Equal("sts:AssumeRole", invoke["arguments"]!["statements"]![0]!["actions"]![0]!.GetValue<string>());
        Assert.Equal(PackageVersions.Aws, invoke["options"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void A_secret_is_declared_under_its_own_key_named_after_the_stack_key_and_wrapped_at_every_use()
    {
        const string digitsOnly = "12345678901";
        var json = Serialize(() =>
        {
            var externalId = new PulumiConfig().RequireSecret("externalId");
            var policy = GetPolicyDocument.Invoke(new GetPolicyDocumentInvokeArgs
            {
                Statements = { new GetPolicyDocumentStatementInputArgs { Conditions = { new GetPolicyDocumentStatementConditionInputArgs { Test = "StringEquals", Variable = "sts:ExternalId", Values = { externalId } } } } },
            });
            _ = new Role("reader", new RoleArgs { AssumeRolePolicy = policy.Apply(p => p.Json) });
            return new Dictionary<string, object?> { ["externalId"] = externalId };
        }, new() { ["p:externalId"] = digitsOnly }, "p:externalId");

        Assert.DoesNotContain(digitsOnly, json.ToJsonString(), StringComparison.Ordinal);
        var declaration = json["config"]!["externalIdText"]!;
        Assert.Equal("string", declaration["type"]!.GetValue<string>());
        Assert.Equal("externalId", declaration["name"]!.GetValue<string>());
        Assert.True(declaration["secret"]!.GetValue<bool>());
        Assert.Equal("{\"fn::secret\":\"${externalIdText}\"}", json["outputs"]!["externalId"]!.ToJsonString());
        var condition = json["variables"]!["policy"]!["fn::invoke"]!["arguments"]!["statements"]![0]!["conditions"]![0]!;
        Assert.Equal("{\"fn::secret\":\"${externalIdText}\"}", condition["values"]![0]!.ToJsonString());
    }

    [Fact]
    public void A_secret_key_cannot_be_read_as_a_plain_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Serialize(() => new Dictionary<string, object?> { ["x"] = new PulumiConfig().Get("externalId") }, new() { ["p:externalId"] = "s3cret" }, "p:externalId"));
        Assert.Contains("RequireSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_name_resources_and_an_existing_resource_is_read_by_id()
    {
        var json = Serialize(() =>
        {
            var existing = Workspace.Get("ws", "/subscriptions/s/resourceGroups/g/providers/Microsoft.OperationalInsights/workspaces/w");
            _ = new ResourceGroup("rg", new ResourceGroupArgs(), new CustomResourceOptions { DependsOn = { existing }, RetainOnDelete = true });
            return new Dictionary<string, object?>();
        });

        Assert.Equal("/subscriptions/s/resourceGroups/g/providers/Microsoft.OperationalInsights/workspaces/w", json["resources"]!["ws"]!["get"]!["id"]!.GetValue<string>());
        Assert.Null(json["resources"]!["ws"]!["properties"]);
        var options = json["resources"]!["rg"]!["options"]!;
        Assert.Equal(["dependsOn", "retainOnDelete", "version"], options.AsObject().Select(p => p.Key));
        Assert.Equal("${ws}", options["dependsOn"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Apply_places_a_value_in_a_json_document_but_refuses_a_lambda_that_inspects_it()
    {
        var json = Serialize(() =>
        {
            var workspace = new Workspace("ws", new WorkspaceArgs { ResourceGroupName = "rg" });
            var document = workspace.Id.Apply(id => Document(id));
            return new Dictionary<string, object?> { ["doc"] = Output.JsonSerialize(document) };
        });
        Assert.Equal("{\"fn::toJSON\":{\"fallbackResourceIds\":[\"${ws.id}\"]}}", json["outputs"]!["doc"]!.ToJsonString());

        Assert.Throws<NotSupportedException>(() => Serialize(() =>
        {
            var workspace = new Workspace("ws", new WorkspaceArgs { ResourceGroupName = "rg" });
            return new Dictionary<string, object?> { ["x"] = workspace.Id.Apply(id => id.Substring(2)) };
        }));
    }

    private static JsonObject Document(string id) => new() { ["fallbackResourceIds"] = new JsonArray(id) };

    [Fact]
    public void A_required_list_left_empty_fails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Serialize(() =>
        {
            _ = new SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights.Table("t", new TableArgs { ResourceGroupName = "rg", WorkspaceName = "ws" });
            _ = new OpenIdConnectProvider("oidc", new OpenIdConnectProviderArgs { Url = "https://example.com" });
            return new Dictionary<string, object?>();
        }));
        Assert.Contains("'clientIdLists'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_resources_with_one_logical_name_fail()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Serialize(() =>
        {
            _ = new ResourceGroup("rg");
            _ = new ResourceGroup("rg");
            return new Dictionary<string, object?>();
        }));
        Assert.Contains("'rg' twice", error.Message, StringComparison.Ordinal);
    }
}
