using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class AppSettingsTests
{
    /// <summary>Each app setting's value: a string (a literal or a reference), or the JSON of an fn::secret.</summary>
    private static Dictionary<string, string> Settings(ProgramView program) =>
        program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"] is JsonValue v ? v.GetValue<string>() : s!["value"]!.ToJsonString());

    private static string Env(string key) => WorkerSettings.AsEnvironmentName(key);

    [Fact]
    public void Values_the_stack_creates_are_references_to_its_outputs()
    {
        var program = Emit.View(("awsRegions", "us-east-1,eu-west-1"));
        var settings = Settings(program);
        var expected = new Dictionary<string, string>
        {
            [Env(WorkerSettings.ReaderRoleArn)] = "${readerRole.arn}",
            [Env(WorkerSettings.ExternalId)] = "${readerExternalId.result}",
            [Env(WorkerSettings.IngestionEndpoint)] = "${ingestionEndpoint.logsIngestion.endpoint}",
            [Env(WorkerSettings.RuleId)] = "${ingestionRule.immutableId}",
            [Env(WorkerSettings.CheckpointContainerUri)] = "${workerstorage.primaryEndpoints.blob}${checkpointContainer.name}",
            [Env(WorkerSettings.ManagedIdentityClientId)] = "${workerIdentity.clientId}",
            [Env(WorkerSettings.BrokerRoleArn)] = "${brokerRole.arn}",
            [Env(WorkerSettings.BrokerAudience)] = "${workerIdentity.clientId}",
            ["WEBSITE_RUN_FROM_PACKAGE"] = "${connectorPackage.url}",
            ["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"] = "${workerIdentity.id}",
        };
        foreach (var (name, value) in expected)
        {
            Assert.True(settings.ContainsKey(name), $"app setting {name} is missing");
            Assert.Equal(value, settings[name]);
        }

        // The stream is the DCR's declared input stream (structure, not a value a resource returns).
        Assert.Equal("Custom-" + CloudTrailTable.DefaultName, settings[Env(WorkerSettings.StreamName)]);
        Assert.Equal("WebIdentity", settings[Env(WorkerSettings.BrokerMode)]);
        // The GC budget the benchmark measured the worker with (docs/performance.md).
        Assert.Equal(WorkerSettings.GcGen0BudgetValue, settings[WorkerSettings.GcGen0BudgetVariable]);
        // The regions are config, known to the compiler: written as they were set.
        Assert.Equal("us-east-1,eu-west-1", settings[Env(WorkerSettings.Regions)]);
        Assert.Empty(program.Config);
    }

    [Fact]
    public void Without_awsRegions_the_worker_reads_the_providers_region()
    {
        // aws:region set: its value. Not set (the provider may take it from AWS_REGION): what aws:getRegion says.
        Assert.Equal("eu-central-1", Settings(Emit.View(("aws:region", "eu-central-1")))[Env(WorkerSettings.Regions)]);
        var program = Emit.View();
        Assert.Equal("${providerRegion.region}", Settings(program)[Env(WorkerSettings.Regions)]);
        var invoke = program.Variables["providerRegion"]!["fn::invoke"]!;
        Assert.Equal("aws:getRegion", invoke["function"]!.GetValue<string>());
    }

    [Fact]
    public void Config_values_arrive_as_the_strings_that_were_set_and_secrets_stay_references()
    {
        // Values the engine would retype when read as ${key} (RULES.md R1): digits, a bool-looking and a JSON-looking
        // string. App settings are strings, so each must arrive as the string that was set.
        var config = new[] { ("awsRegions", "ap-south-1,sa-east-1"), ("backfillDays", "31"), ("externalId", "4242"), ("tags", """{"owner":"true","cost":"[1]"}""") }.Concat(Emit.AccessKeyBroker).ToArray();
        var program = Emit.View(config);
        var app = program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!);
        Assert.Equal("\"31\"", app[Env(WorkerSettings.BackfillDays)].ToJsonString());
        Assert.Equal("ap-south-1,sa-east-1", app[Env(WorkerSettings.Regions)].GetValue<string>());
        Assert.Equal(Emit.AccessKeyId, app[Env(WorkerSettings.BrokerAccessKeyId)].GetValue<string>());
        Assert.Equal("{\"fn::secret\":\"${externalIdText}\"}", app[Env(WorkerSettings.ExternalId)].ToJsonString());
        Assert.Equal("\"true\"", program.Properties("workerApp")["tags"]!["owner"]!.ToJsonString());
        Assert.Equal("\"[1]\"", program.Properties("workerApp")["tags"]!["cost"]!.ToJsonString());

        // Secrets never appear; only they are declared, each under a key of its own (RULES.md R3).
        Assert.DoesNotContain(program.Strings(), s => s.Value.Contains(Emit.SecretKey, StringComparison.Ordinal) || s.Value == "4242");
        Assert.Equal(["externalIdText", "brokerSecretAccessKeyText"], program.Config.Select(c => c.Key));
    }

    [Fact]
    public void Access_key_broker_secret_is_a_Key_Vault_reference_never_the_secret()
    {
        var program = Emit.View(Emit.AccessKeyBroker);
        var settings = Settings(program);
        Assert.Equal("@Microsoft.KeyVault(SecretUri=${brokerKeySecret.properties.secretUri})", settings[Env(WorkerSettings.BrokerSecretAccessKey)]);
        Assert.Equal("${brokerSecretAccessKeyText}", program.Properties("brokerKeySecret")["properties"]!["value"]!["fn::secret"]!.GetValue<string>());
        Assert.True(program.Config["brokerSecretAccessKeyText"]!["secret"]!.GetValue<bool>());
        Assert.Equal("brokerSecretAccessKey", program.Config["brokerSecretAccessKeyText"]!["name"]!.GetValue<string>());
        Assert.Equal("${workerIdentity.id}", program.Properties("workerApp")["keyVaultReferenceIdentity"]!.GetValue<string>());
        Assert.True(program.Properties("brokervault")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        // Auto-named: a soft-deleted vault's name does not block destroy-then-up.
        Assert.Null(program.Properties("brokervault")["vaultName"]);
    }

    [Fact]
    public void Worker_runs_the_published_package_on_Linux_with_Always_On_and_a_health_check()
    {
        var program = Emit.View();
        var site = program.Properties("workerApp")["siteConfig"]!;
        Assert.Equal("DOTNETCORE|10.0", site["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("dotnet SentinelAwsIac.Connector.dll", site["appCommandLine"]!.GetValue<string>());
        Assert.True(site["alwaysOn"]!.GetValue<bool>());
        Assert.Equal("/healthz", site["healthCheckPath"]!.GetValue<string>());
        var identity = program.Properties("workerApp")["identity"]!;
        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        Assert.Equal(["${workerIdentity.id}"], identity["userAssignedIdentities"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.True(program.Properties("workerPlan")["reserved"]!.GetValue<bool>());
        Assert.Equal("B1", program.Properties("workerPlan")["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("P0v3", Emit.View(("appServiceSku", "P0v3")).Properties("workerPlan")["sku"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Package_blob_name_and_asset_carry_the_source_hash()
    {
        var program = Emit.View();
        var blob = program.Properties("connectorPackage");
        var name = blob["blobName"]!.GetValue<string>();
        Assert.Matches("^connector-[0-9a-f]{16}\\.zip$", name);
        Assert.Equal(".build/" + name, blob["source"]!["fn::fileAsset"]!.GetValue<string>());
        Assert.Equal("${packageContainer.name}", blob["containerName"]!.GetValue<string>());
        Assert.IsType<JsonObject>(blob["source"]);
    }
}
