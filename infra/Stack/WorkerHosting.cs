using System.Text.Json.Nodes;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Model;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// Runs the connector worker: storage for its checkpoints and its package, a Linux App Service plan and web app
/// that runs the package from a private blob with the worker's identity (FACTS.md "Hosting the worker on Azure"),
/// and the app settings that wire in everything the stack created, as references to outputs.
/// </summary>
public static class WorkerHosting
{
    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        program.Section("Azure: storage for the worker's checkpoints and package");
        AddStorage(stack);
        var roles = new List<string> { Names.WorkerPublishesToRule, Names.WorkerWritesCheckpoints, Names.WorkerReadsPackage };
        if (stack.Settings.Broker == BrokerKind.AccessKey)
        {
            program.Section("Azure: the broker's access key, kept in Key Vault");
            AddBrokerKeyVault(stack);
            roles.Add(Names.WorkerReadsBrokerKey);
        }

        program.Section("Azure: the worker");
        program.Resource(Names.WorkerPlan, "azure-native:web:AppServicePlan", "Linux App Service plan of the worker (Basic or above, for Always On).", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.ResourceGroup, "location"),
            ["kind"] = "linux",
            ["reserved"] = true,
            ["sku"] = new JsonObject { ["name"] = program.Config(ConfigKeys.AppServiceSku, defaultValue: "B1") },
        }));

        // The worker starts only once its identity may publish, checkpoint and download its package (issue 2).
        program.Resource(Names.WorkerApp, "azure-native:web:WebApp", "The connector worker: drains CloudTrail LookupEvents into the data collection rule.", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.ResourceGroup, "location"),
            ["kind"] = "app,linux",
            ["serverFarmId"] = Ref(Names.WorkerPlan, "id"),
            ["httpsOnly"] = true,
            ["identity"] = new JsonObject { ["type"] = "UserAssigned", ["userAssignedIdentities"] = List(Ref(Names.WorkerIdentity, "id")) },
            // Key Vault references resolve with the worker's identity (App Service docs, "Use Key Vault references").
            ["keyVaultReferenceIdentity"] = Ref(Names.WorkerIdentity, "id"),
            ["siteConfig"] = new JsonObject
            {
                // FACTS.md "Hosting the worker on Azure": DOTNETCORE|10.0, appCommandLine, Always On, health check.
                ["linuxFxVersion"] = "DOTNETCORE|10.0",
                ["appCommandLine"] = "dotnet SentinelAwsIac.Connector.dll",
                ["alwaysOn"] = true,
                ["healthCheckPath"] = "/healthz",
                ["ftpsState"] = "Disabled",
                ["minTlsVersion"] = "1.2",
                ["appSettings"] = AppSettings(stack),
            },
        }), StackContext.DependsOn([.. roles]));
    }

    private static void AddStorage(StackContext stack)
    {
        var program = stack.Program;
        program.Resource(Names.WorkerStorage, "azure-native:storage:StorageAccount", "Private storage for the worker's checkpoints and its code package.", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.ResourceGroup, "location"),
            ["kind"] = "StorageV2",
            ["sku"] = new JsonObject { ["name"] = "Standard_LRS" },
            ["allowBlobPublicAccess"] = false,
            ["enableHttpsTrafficOnly"] = true,
            ["minimumTlsVersion"] = "TLS1_2",
        }));
        Container(stack, Names.CheckpointContainer, "checkpoints", "One checkpoint blob per partition (AWS account × region): where the worker resumes.");
        Container(stack, Names.PackageContainer, "packages", "The worker's code packages (private).");

        // The blob name carries the hash of the connector's sources: a code change changes the URL, hence the app
        // setting, and the app restarts on the new package (FACTS.md "Hosting the worker on Azure").
        program.Resource(Names.ConnectorPackage, "azure-native:storage:Blob", $"The published connector as a zip ({stack.Package.BlobName}); a code change gives a new name.", new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["accountName"] = Ref(Names.WorkerStorage, "name"),
            ["containerName"] = Ref(Names.PackageContainer, "name"),
            ["blobName"] = stack.Package.BlobName,
            ["type"] = "Block",
            ["contentType"] = "application/zip",
            ["source"] = FileAsset(stack.Package.ZipPath),
        });

        stack.AssignToWorker(Names.WorkerWritesCheckpoints, WellKnownIds.StorageBlobDataContributorRoleId, Ref(Names.CheckpointContainer, "id"), "The worker may read and write checkpoint blobs in the checkpoints container only.");
        stack.AssignToWorker(Names.WorkerReadsPackage, WellKnownIds.StorageBlobDataReaderRoleId, Ref(Names.PackageContainer, "id"), "App Service may download the worker's package with the worker's identity (run from package).");
    }

    private static void Container(StackContext stack, string name, string containerName, string purpose) =>
        stack.Program.Resource(name, "azure-native:storage:BlobContainer", purpose, new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["accountName"] = Ref(Names.WorkerStorage, "name"),
            ["containerName"] = containerName,
            ["publicAccess"] = "None",
        });

    private static void AddBrokerKeyVault(StackContext stack)
    {
        var program = stack.Program;
        // Auto-named (random suffix): a deleted vault's name stays reserved while soft-deleted (issue 2).
        program.Resource(Names.BrokerKeyVault, "azure-native:keyvault:Vault", "Key Vault holding the broker's secret access key (access by Azure RBAC).", stack.Tagged(new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["location"] = Ref(Names.ResourceGroup, "location"),
            ["properties"] = new JsonObject
            {
                ["tenantId"] = stack.AzureClient("tenantId"),
                ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" },
                ["enableRbacAuthorization"] = true,
                ["softDeleteRetentionInDays"] = 7,
            },
        }));
        program.Resource(Names.BrokerKeySecret, "azure-native:keyvault:Secret", "The broker's AWS secret access key (from secret config); the app reads it through a Key Vault reference.", new JsonObject
        {
            ["resourceGroupName"] = Ref(Names.ResourceGroup, "name"),
            ["vaultName"] = Ref(Names.BrokerKeyVault, "name"),
            ["secretName"] = "broker-secret-access-key",
            ["properties"] = new JsonObject
            {
                ["value"] = program.Config(ConfigKeys.BrokerSecretAccessKey, secret: true),
                ["contentType"] = "AWS secret access key",
            },
        });
        stack.AssignToWorker(Names.WorkerReadsBrokerKey, AzureRoles.KeyVaultSecretsUserRoleId, Ref(Names.BrokerKeySecret, "id"), "The worker may read the broker's secret, and no other secret.");
    }

    /// <summary>The worker's settings, named by contracts WorkerSettings; every value that the stack created is a
    /// reference to an output, never a literal.</summary>
    private static JsonArray AppSettings(StackContext stack)
    {
        var program = stack.Program;
        var settings = new List<(string Name, string Value)>
        {
            // Run from package: the private blob, downloaded with the worker's identity (FACTS.md "Hosting the worker").
            ("WEBSITE_RUN_FROM_PACKAGE", Ref(Names.ConnectorPackage, "url")),
            ("WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", Ref(Names.WorkerIdentity, "id")),
            (Env(WorkerSettings.ReaderRoleArn), Ref(Names.ReaderRole, "arn")),
            (Env(WorkerSettings.ExternalId), Ref(Names.ExternalIdValue)),
            (Env(WorkerSettings.Regions), Ref(WorkerRegions(stack))),
            // The partition and the Azure cloud are choices of the config (contracts Clouds), not outputs.
            (Env(WorkerSettings.AwsPartition), stack.AwsPartition.Name),
            (Env(WorkerSettings.BackfillDays), program.Config(ConfigKeys.BackfillDays, defaultValue: "7")),
        };

        if (stack.Settings.Broker == BrokerKind.WebIdentity)
        {
            settings.Add((Env(WorkerSettings.BrokerMode), "WebIdentity"));
            settings.Add((Env(WorkerSettings.BrokerRoleArn), Ref(Names.BrokerRole, "arn")));
            // The token's audience is the identity's client ID (option (a), FACTS.md "Secretless AWS access").
            settings.Add((Env(WorkerSettings.BrokerAudience), Ref(Names.WorkerIdentity, "clientId")));
        }
        else
        {
            settings.Add((Env(WorkerSettings.BrokerMode), "AccessKey"));
            settings.Add((Env(WorkerSettings.BrokerAccessKeyId), program.Config(ConfigKeys.BrokerAccessKeyId)));
            // Never the secret itself: a Key Vault reference (App Service docs, "Use Key Vault references").
            settings.Add((Env(WorkerSettings.BrokerSecretAccessKey), $"@Microsoft.KeyVault(SecretUri={Ref(Names.BrokerKeySecret, "properties.secretUri")})"));
        }

        settings.Add((Env(WorkerSettings.IngestionEndpoint), Ref(Names.IngestionEndpoint, "logsIngestion.endpoint")));
        settings.Add((Env(WorkerSettings.RuleId), Ref(Names.IngestionRule, "immutableId")));
        settings.Add((Env(WorkerSettings.StreamName), stack.Settings.InputStream));
        // Health rows: one per partition per interval, through the second stream of the same DCR.
        settings.Add((Env(WorkerSettings.HealthStreamName), stack.Settings.HealthStream));
        settings.Add((Env(WorkerSettings.IngestionAudience), stack.AzureCloud.LogsIngestionAudience));
        settings.Add((Env(WorkerSettings.CheckpointContainerUri), $"{Ref(Names.WorkerStorage, "primaryEndpoints.blob")}{Ref(Names.CheckpointContainer, "name")}"));
        settings.Add((Env(WorkerSettings.ManagedIdentityClientId), Ref(Names.WorkerIdentity, "clientId")));
        // Runtime tuning, not configuration: keeps the worker's peak memory near the benchmark's figure (contracts WorkerSettings).
        settings.Add((WorkerSettings.GcGen0BudgetVariable, WorkerSettings.GcGen0BudgetValue));

        return new JsonArray(settings.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["value"] = s.Value }).ToArray());
    }

    /// <summary>The regions the worker reads: awsRegions, or else the aws provider's own region.</summary>
    private static string WorkerRegions(StackContext stack)
    {
        var value = stack.Settings.HasAwsRegions
            ? (JsonNode)stack.Program.Config(ConfigKeys.AwsRegions)
            : Invoke("aws:getRegion", [], "region");
        stack.Program.Variable(Names.WorkerRegions, value);
        return Names.WorkerRegions;
    }

    private static string Env(string key) => WorkerSettings.AsEnvironmentName(key);
}
