using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Network;
using SentinelAwsIac.Infra.Pulumi.AzureNative.Network.Inputs;
using SentinelAwsIac.Infra.Pulumi.AzureNative.PrivateDns;
using Dns = SentinelAwsIac.Infra.Pulumi.AzureNative.PrivateDns;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// Private-network mode (config <c>privateNetwork</c>): a virtual network for the worker's outbound traffic (a subnet
/// delegated to App Service for regional VNet integration) and one for private endpoints, with the private DNS zones
/// that make the closed services' own names resolve to those endpoints inside the network (docs/facts.md "Private
/// network"). No Azure Monitor Private Link Scope: docs/security.md says why.
/// </summary>
public sealed record PrivateNetwork(VirtualNetwork Network, Subnet WorkerSubnet, Subnet EndpointSubnet, StackSettings Settings, AzureAccount Azure)
{
    /// <summary>The network's one address block; not peered with anything, so it only has to be a private range.</summary>
    public const string AddressSpace = "10.42.0.0/24";

    /// <summary>The worker's integration subnet: a /26, the size Microsoft recommends for VNet integration (one
    /// address per plan instance, doubled while scaling).</summary>
    public const string WorkerSubnetPrefix = "10.42.0.0/26";

    public const string EndpointSubnetPrefix = "10.42.0.64/27";

    /// <summary>Delegation of the integration subnet (App Service VNet integration, "Subnet requirements").</summary>
    public const string AppServiceDelegation = "Microsoft.Web/serverFarms";

    /// <summary>What the worker's start waits for: every DNS zone group and zone link, so that its first lookups of
    /// the storage account and the vault already resolve to the private endpoints.</summary>
    public List<Resource> Ready { get; } = [];

    public static PrivateNetwork Create(StackSettings settings, AzureAccount azure)
    {
        ResourceNotes.Section("Azure: the private network");
        var network = new VirtualNetwork("workerNetwork", new VirtualNetworkArgs
        {
            ResourceGroupName = azure.Group.Name,
            Location = azure.Group.Location,
            AddressSpace = new AddressSpaceArgs { AddressPrefixes = { AddressSpace } },
            Tags = ResourceTags.Of(settings),
        }).Purpose($"The worker's virtual network ({AddressSpace}): its outbound traffic and the private endpoints of storage and vault.");

        // Subnets as resources of their own, not inline: azure-native (since pulumi/pulumi-azure-native#611) and the
        // network API 2023-09-01 and later leave a network's subnets alone when its `subnets` are not given.
        var workerSubnet = new Subnet("workerSubnet", new Pulumi.AzureNative.Network.SubnetArgs
        {
            ResourceGroupName = azure.Group.Name,
            VirtualNetworkName = network.Name,
            AddressPrefix = WorkerSubnetPrefix,
            Delegations = { new DelegationArgs { Name = "appServicePlans", ServiceName = AppServiceDelegation } },
        }).Purpose($"Regional VNet integration of the worker's plan ({WorkerSubnetPrefix}, delegated to {AppServiceDelegation}).");
        var endpointSubnet = new Subnet("endpointSubnet", new Pulumi.AzureNative.Network.SubnetArgs
        {
            ResourceGroupName = azure.Group.Name,
            VirtualNetworkName = network.Name,
            AddressPrefix = EndpointSubnetPrefix,
        }, new CustomResourceOptions { DependsOn = [workerSubnet] })
            .Purpose($"The private endpoints of the checkpoint storage and the vault ({EndpointSubnetPrefix}).");
        return new PrivateNetwork(network, workerSubnet, endpointSubnet, settings, azure);
    }

    /// <summary>A private endpoint for one sub-resource of <paramref name="target"/> (e.g. <c>blob</c>, <c>vault</c>),
    /// its private DNS zone linked to the network, and the zone group that writes the endpoint's A record there.</summary>
    /// <param name="names">The logical names of the endpoint, its zone group, the zone and the zone's link.</param>
    public PrivateEndpoint Endpoint(EndpointNames names, CustomResource target, string groupId, string zoneName, string what)
    {
        var (name, groupName, zoneResourceName, linkName) = names;
        var endpoint = new PrivateEndpoint(name, new PrivateEndpointArgs
        {
            ResourceGroupName = Azure.Group.Name,
            Location = Azure.Group.Location,
            Subnet = new Pulumi.AzureNative.Network.Inputs.SubnetArgs { Id = EndpointSubnet.Id },
            PrivateLinkServiceConnections =
            {
                new PrivateLinkServiceConnectionArgs { Name = name, PrivateLinkServiceId = target.Id, GroupIds = { groupId } },
            },
            Tags = ResourceTags.Of(Settings),
        }).Purpose($"Private endpoint of {what} ({groupId}) in the endpoint subnet.");

        // Private DNS zones are global resources (location "Global"), named as Microsoft names them per cloud.
        var zone = new PrivateZone(zoneResourceName, new PrivateZoneArgs
        {
            ResourceGroupName = Azure.Group.Name,
            PrivateZoneName = zoneName,
            Location = "Global",
            Tags = ResourceTags.Of(Settings),
        }).Purpose($"Private DNS zone {zoneName}: {what}'s name resolves to its private endpoint inside the network.");
        var link = new VirtualNetworkLink(linkName, new VirtualNetworkLinkArgs
        {
            ResourceGroupName = Azure.Group.Name,
            PrivateZoneName = zone.Name,
            Location = "Global",
            VirtualNetwork = new Dns.Inputs.SubResourceArgs { Id = Network.Id },
            RegistrationEnabled = false,
            Tags = ResourceTags.Of(Settings),
        }).Purpose($"Links {zoneName} to the worker's network (no auto-registration).");
        var group = new PrivateDnsZoneGroup(groupName, new PrivateDnsZoneGroupArgs
        {
            ResourceGroupName = Azure.Group.Name,
            PrivateEndpointName = endpoint.Name,
            PrivateDnsZoneGroupName = "default",
            PrivateDnsZoneConfigs = { new PrivateDnsZoneConfigArgs { Name = zoneResourceName, PrivateDnsZoneId = zone.Id } },
        }).Purpose($"Writes the A record of {what}'s private endpoint into {zoneName} (and removes it with the endpoint).");
        Ready.Add(link);
        Ready.Add(group);
        return endpoint;
    }

    /// <summary>Microsoft's recommended zone of blob private endpoints: <c>privatelink.blob.</c> and the cloud's
    /// storage suffix (core.windows.net, core.usgovcloudapi.net, core.chinacloudapi.cn).</summary>
    public static string BlobZone(Contracts.AzureCloud cloud) => "privatelink.blob." + cloud.StorageEndpointSuffix;

    /// <summary>Microsoft's recommended zone of Key Vault private endpoints, per cloud (Azure Private Endpoint DNS
    /// zone values; docs/facts.md "Private network").</summary>
    public static string VaultZone(Contracts.AzureCloud cloud) => cloud.Name switch
    {
        "usgovernment" => "privatelink.vaultcore.usgovcloudapi.net",
        "china" => "privatelink.vaultcore.azure.cn",
        _ => "privatelink.vaultcore.azure.net",
    };
}

/// <summary>Logical names of one private endpoint's resources (each written once, where the endpoint is asked for).</summary>
public sealed record EndpointNames(string Endpoint, string DnsZoneGroup, string Zone, string ZoneLink);
