using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

public sealed class AppSettingsTests
{
    private static Dictionary<string, string> Settings(ProgramView program) =>
        program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());

    private static string Env(string key) => WorkerSettings.AsEnvironmentName(key);

    [Fact]
    public void Values_the_stack_creates_are_references_to_its_outputs()
    {
        var settings = Settings(Emit.View(("awsRegions", "us-east-1,eu-west-1")));
        var expected = new Dictionary<string, string>
        {
            [Env(WorkerSettings.ReaderRoleArn)] = "${readerRole.arn}",
            [Env(WorkerSettings.ExternalId)] = "${readerExternalIdValue}",
            [Env(WorkerSettings.Regions)] = "${workerRegions}",
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
        Assert.Equal("${awsRegions}", Emit.View(("awsRegions", "us-east-1,eu-west-1")).Variables["workerRegions"]!.GetValue<string>());
    }

    [Fact]
    public void Without_awsRegions_the_worker_reads_the_providers_region()
    {
        var program = Emit.View();
        var invoke = program.Variables["workerRegions"]!["fn::invoke"]!;
        Assert.Equal("aws:getRegion", invoke["function"]!.GetValue<string>());
        Assert.Equal("region", invoke["return"]!.GetValue<string>());
    }

    [Fact]
    public void No_setting_value_is_a_literal_of_a_config_value()
    {
        var config = new[] { ("awsRegions", "ap-south-1,sa-east-1"), ("backfillDays", "31"), ("externalId", "customer-4242") }.Concat(Emit.AccessKeyBroker).ToArray();
        var settings = Settings(Emit.View(config));
        foreach (var (_, value) in config)
        {
            Assert.DoesNotContain(settings.Values, v => v.Contains(value, StringComparison.Ordinal));
        }

        Assert.Equal("${brokerAccessKeyId}", settings[Env(WorkerSettings.BrokerAccessKeyId)]);
        Assert.Equal("${backfillDays}", settings[Env(WorkerSettings.BackfillDays)]);
    }

    [Fact]
    public void Access_key_broker_secret_is_a_Key_Vault_reference_never_the_secret()
    {
        var program = Emit.View(Emit.AccessKeyBroker);
        var settings = Settings(program);
        Assert.Equal("@Microsoft.KeyVault(SecretUri=${brokerKeySecret.properties.secretUri})", settings[Env(WorkerSettings.BrokerSecretAccessKey)]);
        Assert.Equal("${brokerSecretAccessKey}", program.Properties("brokerKeySecret")["properties"]!["value"]!.GetValue<string>());
        Assert.True(program.Config["brokerSecretAccessKey"]!["secret"]!.GetValue<bool>());
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
        Assert.Equal("${appServiceSku}", program.Properties("workerPlan")["sku"]!["name"]!.GetValue<string>());
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
