using System.Globalization;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.Aws;
using SentinelAwsIac.Infra.Pulumi.AzureNative.ManagedIdentity;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Web;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Web.Inputs;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// Runs the connector worker: a Linux App Service plan and web app that runs the package from a private blob with
/// the worker's identity (docs/facts.md#hosting-the-worker-on-app-service), and the app settings that wire in everything the
/// stack created.
/// </summary>
public sealed record WorkerHosting(AppServicePlan Plan, WebApp App, WebAppFtpAllowed FtpBasicAuth, WebAppScmAllowed ScmBasicAuth)
{
    /// <param name="permissions">The worker's role assignments: it starts only once its identity may publish,
    /// checkpoint and download its package.</param>
    public static WorkerHosting Create(StackSettings settings, AzureAccount azure, UserAssignedIdentity workerIdentity, AwsSide aws, Ingestion ingestion, WorkerStorage storage, BrokerKeyVault? brokerKey, WorkerTelemetry? telemetry, IEnumerable<Pulumi.Resource> permissions, PrivateNetwork? network)
    {
        ResourceNotes.Section("Azure: the worker");
        var plan = new AppServicePlan("workerPlan", new AppServicePlanArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            Kind = "linux",
            Reserved = true,
            Sku = new SkuDescriptionArgs { Name = settings.AppServiceSku },
            Tags = ResourceTags.Of(settings),
        }).Purpose("Linux App Service plan of the worker (Basic or above, for Always On).");

        var app = new WebApp("workerApp", new WebAppArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            Kind = "app,linux",
            ServerFarmId = plan.Id,
            HttpsOnly = true,
            // Nobody inbound: the worker serves nothing but its health path, which App Service's health check pings
            // from inside the platform (docs/facts.md "Least exposure").
            PublicNetworkAccess = "Disabled",
            Identity = new ManagedServiceIdentityArgs { Type = ManagedServiceIdentityType.UserAssigned, UserAssignedIdentities = { workerIdentity.Id } },
            // Key Vault references resolve with the worker's identity (App Service docs, "Use Key Vault references").
            KeyVaultReferenceIdentity = workerIdentity.Id,
            // Private-network mode: regional VNet integration, and every outbound call (AWS, Logs Ingestion, storage,
            // the Key Vault reference) routed into the network (docs/facts.md "Private network").
            VirtualNetworkSubnetId = network is null ? null : (Input<string>)network.WorkerSubnet.Id,
            OutboundVnetRouting = network is null ? null : (Input<OutboundVnetRoutingArgs>)new OutboundVnetRoutingArgs { AllTraffic = true },
            SiteConfig = new SiteConfigArgs
            {
                // docs/facts.md#hosting-the-worker-on-app-service: DOTNETCORE|10.0, appCommandLine, Always On, health check.
                LinuxFxVersion = "DOTNETCORE|10.0",
                AppCommandLine = "dotnet SentinelAwsIac.Connector.dll",
                AlwaysOn = true,
                HealthCheckPath = "/healthz",
                FtpsState = "Disabled",
                MinTlsVersion = "1.2",
                Http20Enabled = true,
                // No access rule admits anyone, on the site and on its SCM (Kudu) site alike (docs/facts.md "Least exposure").
                IpSecurityRestrictionsDefaultAction = "Deny",
                ScmIpSecurityRestrictionsDefaultAction = "Deny",
                ScmIpSecurityRestrictionsUseMain = false,
                // The older name of outboundVnetRouting's application traffic, kept in step (scanners read this one).
                VnetRouteAllEnabled = network is null ? null : true,
                AppSettings = AppSettings(settings, workerIdentity, aws, ingestion, storage, brokerKey, telemetry),
            },
            Tags = ResourceTags.Of(settings),
        }, new CustomResourceOptions { DependsOn = [.. permissions] })
            .Purpose("The connector worker: drains CloudTrail LookupEvents into the data collection rule.");

        // Basic-auth publishing credentials off for FTP and for SCM: the package is run from a blob with the worker's
        // identity, so nothing publishes with a user name and password (docs/facts.md "Least exposure").
        var ftp = new WebAppFtpAllowed("workerFtpBasicAuthOff", new WebAppFtpAllowedArgs { ResourceGroupName = azure.Group.Name, Name = app.Name, Allow = false })
            .Purpose("Basic-auth publishing credentials refused on the worker's FTP endpoint.");
        var scm = new WebAppScmAllowed("workerScmBasicAuthOff", new WebAppScmAllowedArgs { ResourceGroupName = azure.Group.Name, Name = app.Name, Allow = false })
            .Purpose("Basic-auth publishing credentials refused on the worker's SCM (Kudu) site.");
        return new WorkerHosting(plan, app, ftp, scm);
    }

    /// <summary>The worker's settings, named by contracts WorkerSettings: outputs of what the stack created, and the
    /// config's values as the strings app settings are (never a number or bool the engine guessed).</summary>
    private static InputList<NameValuePairArgs> AppSettings(StackSettings settings, UserAssignedIdentity workerIdentity, AwsSide aws, Ingestion ingestion, WorkerStorage storage, BrokerKeyVault? brokerKey, WorkerTelemetry? telemetry)
    {
        var list = new InputList<NameValuePairArgs>();
        void Add(string name, Input<string> value) => list.Add(new NameValuePairArgs { Name = name, Value = value });

        // Run from package: the private blob, downloaded with the worker's identity (docs/facts.md#hosting-the-worker-on-app-service).
        Add("WEBSITE_RUN_FROM_PACKAGE", storage.Package.Url);
        Add("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", workerIdentity.Id);
        Add(Env(WorkerSettings.ReaderRoleArn), aws.ReaderRole.Arn);
        Add(Env(WorkerSettings.ExternalId), aws.ExternalId);
        Add(Env(WorkerSettings.Regions), Regions(settings));
        // The partition and the Azure cloud are choices of the config (contracts Clouds), not outputs.
        Add(Env(WorkerSettings.AwsPartition), settings.AwsPartition.Name);
        Add(Env(WorkerSettings.BackfillDays), settings.BackfillDays.ToString(CultureInfo.InvariantCulture));
        if (aws.Broker is { } broker)
        {
            Add(Env(WorkerSettings.BrokerMode), "WebIdentity");
            Add(Env(WorkerSettings.BrokerRoleArn), broker.Role.Arn);
            // The token's audience is the identity's client ID (option (a), docs/facts.md#secretless-aws-access).
            Add(Env(WorkerSettings.BrokerAudience), workerIdentity.ClientId);
        }
        else
        {
            Add(Env(WorkerSettings.BrokerMode), "AccessKey");
            Add(Env(WorkerSettings.BrokerAccessKeyId), settings.BrokerAccessKeyId!);
            Add(Env(WorkerSettings.BrokerSecretAccessKey), brokerKey!.AppSettingReference);
        }

        Add(Env(WorkerSettings.IngestionEndpoint), ingestion.Endpoint.LogsIngestion.Apply(l => l!.Endpoint!));
        Add(Env(WorkerSettings.RuleId), ingestion.Rule.ImmutableId);
        Add(Env(WorkerSettings.StreamName), settings.InputStream);
        // Health rows: one per partition per interval, through the second stream of the same DCR.
        Add(Env(WorkerSettings.HealthStreamName), settings.HealthStream);
        Add(Env(WorkerSettings.IngestionAudience), settings.AzureCloud.LogsIngestionAudience);
        Add(Env(WorkerSettings.CheckpointContainerUri), Output.Format($"{storage.Account.PrimaryEndpoints.Apply(e => e.Blob)}{storage.Checkpoints.Name}"));
        Add(Env(WorkerSettings.ManagedIdentityClientId), workerIdentity.ClientId);
        // Metrics and traces only with workerTelemetry: without the setting the worker registers no exporter.
        if (telemetry is not null)
        {
            Add(Env(WorkerSettings.TelemetryConnectionString), telemetry.ConnectionString);
        }

        // Runtime tuning, not configuration: keeps the worker's peak memory near the benchmark's figure (contracts WorkerSettings).
        Add(WorkerSettings.GcGen0BudgetVariable, WorkerSettings.GcGen0BudgetValue);
        return list;
    }

    /// <summary>The regions the worker reads: awsRegions, else the aws provider's region (aws:region, or, when the
    /// provider takes it from its environment, what aws:getRegion says).</summary>
    private static Input<string> Regions(StackSettings settings)
    {
        if ((settings.AwsRegions ?? settings.ProviderRegion) is { } regions)
        {
            return regions;
        }

        var providerRegion = GetRegion.Invoke();
        return providerRegion.Apply(r => r.Region);
    }

    private static string Env(string key) => WorkerSettings.AsEnvironmentName(key);
}
