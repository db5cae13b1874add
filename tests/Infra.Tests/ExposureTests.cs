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
        // A destroy does not call the secret's own delete (Key Vault's data plane, which needs a data role the
        // deployer lacks and, in private-network mode, the network): the vault's delete takes the secret with it.
        Assert.Equal("${brokervault}", Mode(mode).Resource("brokerKeySecret")["options"]!["deletedWith"]!.GetValue<string>());
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

    private static readonly string[] PrivateModeNames = [.. Emit.Modes.Where(m => m.Value.Contains(("privateNetwork", "true"))).Select(m => m.Key)];

    public static TheoryData<string> PrivateModes() => [.. PrivateModeNames];

    public static TheoryData<string> PublicNetworkWorkerModes() => [.. Emit.Modes.Keys.Where(m => !m.StartsWith("sentinel", StringComparison.Ordinal) && !PrivateModeNames.Contains(m))];

    private static string CloudOf(string mode) => Emit.Modes[mode].FirstOrDefault(e => e.Item1 == "azureCloud").Item2 ?? "public";

    [Fact]
    public void There_are_private_network_modes_with_and_without_a_vault()
    {
        Assert.Contains(PrivateModeNames, m => AccessKeyModeNames.Contains(m));
        Assert.Contains(PrivateModeNames, m => !AccessKeyModeNames.Contains(m));
    }

    [Theory]
    [MemberData(nameof(PublicNetworkWorkerModes))]
    public void Without_private_network_mode_there_is_no_network_and_one_storage_account(string mode)
    {
        var program = Mode(mode);
        Assert.DoesNotContain(program.Types, t => t.StartsWith("azure-native:network:", StringComparison.Ordinal) || t.StartsWith("azure-native:privatedns:", StringComparison.Ordinal));
        Assert.Single(program.OfType("azure-native:storage:StorageAccount"));
        var app = program.Properties("workerApp");
        Assert.Null(app["virtualNetworkSubnetId"]);
        Assert.Null(app["outboundVnetRouting"]);
        Assert.Null(program.Properties("workerstorage")["publicNetworkAccess"]);
        Assert.Equal("${workerstorage.name}", program.Properties("packageContainer")["accountName"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(PrivateModes))]
    public void Private_network_mode_integrates_the_worker_and_routes_all_its_outbound_traffic_into_the_network(string mode)
    {
        var program = Mode(mode);
        var network = program.Properties("workerNetwork");
        Assert.Equal(["10.42.0.0/24"], network["addressSpace"]!["addressPrefixes"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Null(network["subnets"]);

        var workerSubnet = program.Properties("workerSubnet");
        Assert.Equal("${workerNetwork.name}", workerSubnet["virtualNetworkName"]!.GetValue<string>());
        Assert.Equal("10.42.0.0/26", workerSubnet["addressPrefix"]!.GetValue<string>());
        Assert.Equal("Microsoft.Web/serverFarms", Assert.Single(workerSubnet["delegations"]!.AsArray())!["serviceName"]!.GetValue<string>());
        var endpointSubnet = program.Properties("endpointSubnet");
        Assert.Equal("10.42.0.64/27", endpointSubnet["addressPrefix"]!.GetValue<string>());
        Assert.Null(endpointSubnet["delegations"]);

        var app = program.Properties("workerApp");
        Assert.Equal("${workerSubnet.id}", app["virtualNetworkSubnetId"]!.GetValue<string>());
        Assert.True(app["outboundVnetRouting"]!["allTraffic"]!.GetValue<bool>());
        Assert.True(app["siteConfig"]!["vnetRouteAllEnabled"]!.GetValue<bool>());
        // Inbound stays closed as in every mode: VNet integration is outbound only.
        Assert.Equal("Disabled", app["publicNetworkAccess"]!.GetValue<string>());

        // The worker starts once the private endpoints' DNS records exist, so its first lookups resolve privately.
        var dependsOn = program.Resource("workerApp")["options"]!["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()).ToList();
        foreach (var (name, _) in program.OfType("azure-native:network:PrivateDnsZoneGroup").Concat(program.OfType("azure-native:privatedns:VirtualNetworkLink")))
        {
            Assert.Contains($"${{{name}}}", dependsOn);
        }
    }

    [Theory]
    [MemberData(nameof(PrivateModes))]
    public void Private_network_mode_closes_the_checkpoint_storage_to_all_but_its_private_endpoint(string mode)
    {
        var program = Mode(mode);
        var account = program.Properties("workerstorage");
        Assert.Equal("Disabled", account["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Deny", account["networkRuleSet"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal("None", account["networkRuleSet"]!["bypass"]!.GetValue<string>());
        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("${workerstorage.name}", program.Properties("checkpointContainer")["accountName"]!.GetValue<string>());

        AssertPrivateEndpoint(program, "checkpointBlobEndpoint", "${workerstorage.id}", "blob", "blobPrivateZone",
            CloudOf(mode) switch { "usgovernment" => "privatelink.blob.core.usgovcloudapi.net", "china" => "privatelink.blob.core.chinacloudapi.cn", _ => "privatelink.blob.core.windows.net" });
    }

    [Theory]
    [MemberData(nameof(PrivateModes))]
    public void Private_network_mode_ships_the_package_from_an_account_of_its_own_without_keys_or_data(string mode)
    {
        var program = Mode(mode);
        var packages = program.Properties("workerpackages");
        Assert.False(packages["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(packages["defaultToOAuthAuthentication"]!.GetValue<bool>());
        Assert.False(packages["allowBlobPublicAccess"]!.GetValue<bool>());
        // Reachable by the deploying runner, which is outside the network.
        Assert.Null(packages["publicNetworkAccess"]);
        Assert.Equal("${workerpackages.name}", program.Properties("packageContainer")["accountName"]!.GetValue<string>());
        Assert.Equal("${workerpackages.name}", program.Properties("connectorPackage")["accountName"]!.GetValue<string>());

        // The only container there is the package's; the worker may only read it, the deployer only write there.
        var containers = program.OfType("azure-native:storage:BlobContainer").Where(c => c.Resource["properties"]!["accountName"]!.GetValue<string>() == "${workerpackages.name}");
        Assert.Equal("packageContainer", Assert.Single(containers).Name);
        Assert.EndsWith(WellKnownIds.StorageBlobDataReaderRoleId, program.Properties("workerReadsPackage")["roleDefinitionId"]!.GetValue<string>());
        Assert.Equal("${packageContainer.id}", program.Properties("deployerWritesPackage")["scope"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(PrivateModes))]
    public void Private_network_mode_closes_the_vault_to_all_but_its_private_endpoint(string mode)
    {
        var program = Mode(mode);
        if (!AccessKeyModeNames.Contains(mode))
        {
            Assert.Empty(program.OfType("azure-native:keyvault:Vault"));
            Assert.False(program.ResourcesSection.ContainsKey("vaultEndpoint"));
            return;
        }

        var vault = program.Properties("brokervault")["properties"]!;
        Assert.Equal("Disabled", vault["publicNetworkAccess"]!.GetValue<string>());
        Assert.Equal("Deny", vault["networkAcls"]!["defaultAction"]!.GetValue<string>());
        Assert.Equal("None", vault["networkAcls"]!["bypass"]!.GetValue<string>());
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());

        AssertPrivateEndpoint(program, "vaultEndpoint", "${brokervault.id}", "vault", "vaultPrivateZone",
            CloudOf(mode) switch { "usgovernment" => "privatelink.vaultcore.usgovcloudapi.net", "china" => "privatelink.vaultcore.azure.cn", _ => "privatelink.vaultcore.azure.net" });
    }

    [Theory]
    [InlineData("public", "privatelink.blob.core.windows.net", "privatelink.vaultcore.azure.net")]
    [InlineData("usgovernment", "privatelink.blob.core.usgovcloudapi.net", "privatelink.vaultcore.usgovcloudapi.net")]
    [InlineData("china", "privatelink.blob.core.chinacloudapi.cn", "privatelink.vaultcore.azure.cn")]
    public void Private_DNS_zones_are_Microsofts_names_in_each_cloud(string cloud, string blob, string vault)
    {
        var azureCloud = AzureCloud.Find(cloud)!;
        Assert.Equal(blob, Infra.Stack.PrivateNetwork.BlobZone(azureCloud));
        Assert.Equal(vault, Infra.Stack.PrivateNetwork.VaultZone(azureCloud));
    }

    [Fact]
    public void Private_network_mode_is_off_by_default_and_refused_where_there_is_no_worker()
    {
        Assert.False(Infra.Config.StackConfigReader.Read(Emit.Config()).PrivateNetwork);
        var sentinel = Assert.Throws<Infra.Config.ConfigException>(() => Emit.Build(("mode", "sentinel"), ("privateNetwork", "true")));
        Assert.Equal("sentinel-aws-iac:privateNetwork", sentinel.Key);
        Assert.Contains("worker mode only", sentinel.Message);
        var invalid = Assert.Throws<Infra.Config.ConfigException>(() => Emit.Build(("privateNetwork", "yes")));
        Assert.Equal("sentinel-aws-iac:privateNetwork", invalid.Key);
        Assert.Contains("expected false or true", invalid.Message);
        Assert.Contains("pulumi config set sentinel-aws-iac:privateNetwork false", invalid.Message);
    }

    private static void AssertPrivateEndpoint(ProgramView program, string endpoint, string target, string groupId, string zone, string zoneName)
    {
        var properties = program.Properties(endpoint);
        Assert.Equal("${endpointSubnet.id}", properties["subnet"]!["id"]!.GetValue<string>());
        var connection = Assert.Single(properties["privateLinkServiceConnections"]!.AsArray())!;
        Assert.Equal(target, connection["privateLinkServiceId"]!.GetValue<string>());
        Assert.Equal([groupId], connection["groupIds"]!.AsArray().Select(g => g!.GetValue<string>()));

        var privateZone = program.Properties(zone);
        Assert.Equal(zoneName, privateZone["privateZoneName"]!.GetValue<string>());
        Assert.Equal("Global", privateZone["location"]!.GetValue<string>());
        var link = program.Properties(zone + "Link");
        Assert.Equal($"${{{zone}.name}}", link["privateZoneName"]!.GetValue<string>());
        Assert.Equal("${workerNetwork.id}", link["virtualNetwork"]!["id"]!.GetValue<string>());
        Assert.False(link["registrationEnabled"]!.GetValue<bool>());
        var group = program.Properties(endpoint + "Dns");
        Assert.Equal($"${{{endpoint}.name}}", group["privateEndpointName"]!.GetValue<string>());
        Assert.Equal($"${{{zone}.id}}", Assert.Single(group["privateDnsZoneConfigs"]!.AsArray())!["privateDnsZoneId"]!.GetValue<string>());
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
        var isPrivate = PrivateModeNames.Contains(mode);
        Assert.Equal(isPrivate, section.Contains("worker out: everything through its virtual network"));
        Assert.Equal(isPrivate, section.Contains("storage: the worker's identity only (Entra ID, shared keys off; worker: Storage Blob Data Contributor on checkpointContainer); network: its private endpoint"));
        Assert.Equal(isPrivate, section.Contains("package storage: the code package only, no data"));
        Assert.Equal(isPrivate && AccessKeyModeNames.Contains(mode), section.Contains("Key Vault: the worker's identity only") && section.Contains("purge protection on); network: its private endpoint"));
        Assert.Equal(!isPrivate, section.Contains("over the internet with TLS"));
    }
}
