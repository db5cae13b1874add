using SentinelAwsIac.Contracts;
using static SentinelAwsIac.Infra.Config.ConfigKeys;

namespace SentinelAwsIac.Infra.Config;

/// <summary>The Azure cloud and the AWS partition, and the combinations that cannot work.</summary>
public static partial class StackConfigReader
{
    private static (Contracts.AzureCloud Cloud, Contracts.AwsPartition Partition) Clouds(IReadOnlyDictionary<string, string?> config)
    {
        var cloud = Choice(config, ConfigKeys.AzureCloud);
        var partition = Choice(config, ConfigKeys.AwsPartition);

        // The azure-native provider picks its cloud from azure-native:environment (public, usgovernment, china;
        // @pulumi/azure-native provider.d.ts). Both must name the same cloud, or the worker would ask for tokens of
        // one cloud while the stack deploys into another.
        var environment = Value(config, AzureEnvironment);
        if (environment is not null && environment != cloud.Name)
        {
            throw new ConfigException(Q(AzureEnvironment), $"is '{environment}', but {Q(ConfigKeys.AzureCloud)} is '{cloud.Name}'; both must name the same Azure cloud.", $"pulumi config set {Q(ConfigKeys.AzureCloud)} {environment} (or pulumi config set {AzureEnvironment} {cloud.Name}).");
        }

        if (environment is null && cloud != Contracts.AzureCloud.Public)
        {
            throw new ConfigException(Q(AzureEnvironment), $"is not set, so the azure-native provider would deploy to the Azure public cloud while {Q(ConfigKeys.AzureCloud)} is '{cloud.Name}'.", $"pulumi config set {AzureEnvironment} {cloud.Name}.");
        }

        // Region names tell the partition (partitions.json: us-gov-* is aws-us-gov, cn-* is aws-cn). The aws provider
        // reads the partition of aws:region's account, so the reader role, its ARNs and every region read must agree.
        var providerRegion = Value(config, AwsRegion);
        if (providerRegion is not null && Contracts.AwsPartition.OfRegion(providerRegion) is var regionPartition && regionPartition != partition)
        {
            throw new ConfigException(Q(ConfigKeys.AwsPartition), $"is '{partition.Name}', but {AwsRegion} {providerRegion} is a region of {regionPartition.Name} ({regionPartition.Display}).", $"pulumi config set {Q(ConfigKeys.AwsPartition)} {regionPartition.Name} (or pulumi config set {AwsRegion} {partition.ExampleRegion}, a region of {partition.Name}).");
        }

        var regions = Value(config, AwsRegions);
        var foreign = regions?.Split(',').FirstOrDefault(r => Contracts.AwsPartition.OfRegion(r) != partition);
        if (foreign is not null)
        {
            throw new ConfigException(Q(AwsRegions), $"contains {foreign}, a region of {Contracts.AwsPartition.OfRegion(foreign).Name}, but {Q(ConfigKeys.AwsPartition)} is '{partition.Name}'; one stack reads one partition (its reader role lives there).", $"pulumi config set {Q(AwsRegions)} with regions of {partition.Name} only, e.g. {partition.ExampleRegion} (use another stack for the other partition).");
        }

        var principal = Value(config, BrokerPrincipalArn);
        // A value that is not an ARN at all is reported by the ARN check (CheckCombinations).
        if (principal is not null && principal.StartsWith("arn:", StringComparison.Ordinal) && !principal.StartsWith($"arn:{partition.Name}:", StringComparison.Ordinal))
        {
            throw new ConfigException(Q(BrokerPrincipalArn), $"is not an ARN of partition {partition.Name} ({Q(ConfigKeys.AwsPartition)}); the reader role can only trust a principal of its own partition.", $"pulumi config set {Q(BrokerPrincipalArn)} arn:{partition.Name}:iam::<account>:user/<name>.");
        }

        return (cloud, partition);
    }

    /// <summary>Microsoft Sentinel's own CloudTrail connector assumes the reader role from Microsoft's AWS account.</summary>
    private static void SentinelModeClouds(StackSettings settings)
    {
        // An IAM role can only trust principals of its own partition, and Microsoft's account 197857026523 is in
        // "aws" (contracts WellKnownIds; MicrosoftDocs/azure-docs#75553: the connector reads AWS commercial
        // CloudTrail only, not GovCloud).
        if (settings.AwsPartition != Contracts.AwsPartition.Aws)
        {
            throw new ConfigException(Q(ConfigKeys.AwsPartition), $"is '{settings.AwsPartition.Name}', but sentinel mode makes the reader role trust Microsoft's AWS account {WellKnownIds.SentinelAwsAccountId}, which is in partition aws; an IAM role cannot trust a principal of another partition.", $"pulumi config set {Q(Mode)} worker (our worker reads any partition), or pulumi config set {Q(ConfigKeys.AwsPartition)} aws.");
        }

        // A choice, not a confirmed limit: the documented account ID is the one of Sentinel in the Azure public cloud;
        // Sentinel's AWS connector in Azure Government or China may use other accounts, which are not documented here.
        if (settings.AzureCloud != Contracts.AzureCloud.Public)
        {
            throw new ConfigException(Q(ConfigKeys.AzureCloud), $"is '{settings.AzureCloud.Name}', but sentinel mode trusts Microsoft's AWS account {WellKnownIds.SentinelAwsAccountId}, which is documented for Microsoft Sentinel in the Azure public cloud only.", $"pulumi config set {Q(Mode)} worker (our worker runs in every Azure cloud), or pulumi config set {Q(ConfigKeys.AzureCloud)} public.");
        }
    }
}
