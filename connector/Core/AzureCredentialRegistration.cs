using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Core;

/// <summary>
/// The process's one Azure credential, used by every component that talks to Azure: the Logs Ingestion sink, the blob
/// checkpoint store and dead letters, and the AWS web-identity broker (its token is what AWS trusts).
/// <para>Default: with <c>Identity:ManagedIdentityClientId</c> set (the stack sets it in Azure) the user-assigned managed
/// identity of that client ID (<see cref="ManagedIdentityCredential"/>); unset, <see cref="DefaultAzureCredential"/>,
/// which takes the developer's login on a laptop (environment, Azure CLI, Visual Studio, …) and, on an Azure host, the
/// system-assigned managed identity through its managed-identity step.</para>
/// <para>A <see cref="TokenCredential"/> registered before this call wins (the tests put in the emulators' credential).
/// Every component's registration calls this method, so whichever registers first, the credential is the same.</para>
/// </summary>
public static class AzureCredentialRegistration
{
    public static IServiceCollection AddAzureCredential(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<TokenCredential>(_ => Create(configuration[WorkerSettings.ManagedIdentityClientId]));
        return services;
    }

    /// <summary>The credential for a managed identity client ID (null or blank: <see cref="DefaultAzureCredential"/>).</summary>
    public static TokenCredential Create(string? managedIdentityClientId) =>
        string.IsNullOrWhiteSpace(managedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(managedIdentityClientId));
}
