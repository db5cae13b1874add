using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Tests.Support;
using Xunit;

namespace SentinelAwsIac.Infra.Tests;

/// <summary>
/// Least exposure, per mode (docs/security.md): the worker can be reached by nobody, publishes with no password,
/// storage takes no shared key, the broker's vault is RBAC-only with purge protection. Each property is read back from
/// the emitted program of every structural mode, as the least-privilege tests read the IAM policies.
/// </summary>
public sealed class ExposureTests
{
    public static TheoryData<string> WorkerModes() => [.. Emit.Modes.Keys.Where(m => !m.StartsWith("sentinel", StringComparison.Ordinal))];

    private static readonly string[] AccessKeyModeNames = [.. Emit.Modes.Where(m => m.Value.Contains(("broker", "accessKey"))).Select(m => m.Key)];

    public static TheoryData<string> AccessKeyModes() => [.. AccessKeyModeNames];

    private static ProgramView Mode(string mode) => Emit.View(Emit.Modes[mode]);

    [Theory]
    [MemberData(nameof(WorkerModes))]
    public void Worker_site_and_its_SCM_site_admit_nobody_inbound(string mode)
    {
        var app = Mode(mode).Properties("workerApp");
        Assert.Equal("Disabled", app["publicNetworkAccess"]!.GetValue<string>());
        Assert.True(app["httpsOnly"]!.GetValue<bool>());
        var site = app["siteConfig"]!;
        Assert.Equal("Deny", site["ipSecurityRestrictionsDefaultAction"]!.GetValue<string>());
        Assert.Equal("Deny", site["scmIpSecurityRestrictionsDefaultAction"]!.GetValue<string>());
        Assert.False(site["scmIpSecurityRestrictionsUseMain"]!.GetValue<bool>());
        // No rule that would let anyone in: no allow list on either site.
        Assert.Null(site["ipSecurityRestrictions"]);
        Assert.Null(site["scmIpSecurityRestrictions"]);
        Assert.Equal("/healthz", site["healthCheckPath"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(WorkerModes))]
    public void Worker_speaks_HTTP2_over_TLS_1_2_and_publishes_with_no_password(string mode)
    {
        var program = Mode(mode);
        var site = program.Properties("workerApp")["siteConfig"]!;
        Assert.True(site["http20Enabled"]!.GetValue<bool>());
        Assert.Equal("1.2", site["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", site["ftpsState"]!.GetValue<string>());

        var (_, ftp) = Assert.Single(program.OfType("azure-native:web:WebAppFtpAllowed"));
        var (_, scm) = Assert.Single(program.OfType("azure-native:web:WebAppScmAllowed"));
        foreach (var policy in new[] { ftp, scm })
        {
            Assert.False(policy["properties"]!["allow"]!.GetValue<bool>());
            Assert.Equal("${workerApp.name}", policy["properties"]!["name"]!.GetValue<string>());
        }

        // Deployment stays run-from-package, downloaded with the worker's identity.
        var settings = site["appSettings"]!.AsArray().ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.ToJsonString());
        Assert.Contains("connectorPackage.url", settings["WEBSITE_RUN_FROM_PACKAGE"]);
        Assert.Contains("workerIdentity.id", settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
    }

    [Theory]
    [MemberData(nameof(WorkerModes))]
    public void Storage_takes_no_shared_key_and_every_caller_uses_Entra_ID(string mode)
    {
        var program = Mode(mode);
        var account = program.Properties("workerstorage");
        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(account["defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.False(account["allowCrossTenantReplication"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());

        // Nothing in the program reads a key or hands one to the worker: no listKeys invoke, no connection string.
        Assert.DoesNotContain(program.Strings(), s => s.Value.Contains("listStorageAccountKeys", StringComparison.OrdinalIgnoreCase)
            || s.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
        var settings = program.Properties("workerApp")["siteConfig"]!["appSettings"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(settings, s => s.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(WorkerSettings.AsEnvironmentName(WorkerSettings.CheckpointContainerUri), settings);

        // The package upload runs as the deploying identity, which holds Blob Data Contributor on the package
        // container only, and the upload waits for it.
        var deployer = program.Properties("deployerWritesPackage");
        Assert.Equal("${azureClient.objectId}", deployer["principalId"]!.GetValue<string>());
        Assert.Equal("${packageContainer.id}", deployer["scope"]!.GetValue<string>());
        Assert.EndsWith(WellKnownIds.StorageBlobDataContributorRoleId, deployer["roleDefinitionId"]!.GetValue<string>());
        Assert.Contains("${deployerWritesPackage}", program.Resource("connectorPackage")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(AccessKeyModes))]
    public void Broker_vault_is_RBAC_only_with_purge_protection(string mode)
    {
        var vault = Mode(mode).Properties("brokervault")["properties"]!;
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Null(vault["accessPolicies"]);
        Assert.Equal(7, vault["softDeleteRetentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public void Purge_protection_may_be_left_off_for_a_throwaway_stack_and_is_then_unset_not_false()
    {
        var vault = Emit.View([.. Emit.AccessKeyBroker, ("vaultPurgeProtection", "false")]).Properties("brokervault")["properties"]!.AsObject();
        Assert.False(vault.ContainsKey("enablePurgeProtection"));
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("mode", "sentinel")]
    [InlineData("broker", "webIdentity")]
    public void Purge_protection_switch_is_refused_where_there_is_no_vault(string key, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() => Emit.Build((key, value), ("vaultPurgeProtection", "false")));
        Assert.Contains("vaultPurgeProtection", error.Message);
    }

    [Fact]
    public void Secretless_mode_has_no_vault_and_no_secret()
    {
        var program = Mode("worker-default");
        Assert.Empty(program.OfType("azure-native:keyvault:Vault"));
        Assert.Empty(program.OfType("azure-native:keyvault:Secret"));
    }

    [Theory]
    [MemberData(nameof(WorkerModes))]
    public void Explain_says_who_can_reach_what(string mode)
    {
        var text = SentinelAwsIac.Infra.Explain.Explainer.Explain(mode, Infra.Config.StackConfigReader.Read(Emit.Config(Emit.Modes[mode])), Emit.Build(Emit.Modes[mode]));
        var section = text[text.IndexOf("\nREACH", StringComparison.Ordinal)..];
        Assert.Contains("worker: nobody inbound", section);
        Assert.Contains("storage: the worker's identity only", section);
        Assert.Equal(AccessKeyModeNames.Contains(mode), section.Contains("Key Vault: the worker's identity only"));
    }
}
