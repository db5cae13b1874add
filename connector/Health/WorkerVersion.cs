using System.Reflection;

namespace SentinelAwsIac.Connector.Health;

/// <summary>The worker's version as health rows report it: the assembly's informational version (build metadata included).</summary>
public static class WorkerVersion
{
    public static string Value { get; } =
        typeof(WorkerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(WorkerVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
