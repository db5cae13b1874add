namespace SentinelAwsIac.Infra.Pulumi;

/// <summary>What one run of the program created: its resources in the order they were constructed, and its outputs.</summary>
public sealed record DeploymentResult(string Project, IReadOnlyList<CustomResource> Resources, IReadOnlyList<KeyValuePair<string, object?>> Outputs);

/// <summary>
/// Runs a program the way the Pulumi .NET SDK's <c>Deployment.RunAsync</c> does: resources register themselves as they
/// are constructed, <see cref="Config"/> reads the stack's config, and the function returns the stack outputs. The
/// state is per run (an async-local), so runs on parallel threads do not mix.
/// </summary>
public static class Deployment
{
    private static readonly AsyncLocal<State?> Current = new();

    /// <param name="project">The project name: the namespace of <c>new Config()</c>.</param>
    /// <param name="config">The stack's config, <c>namespace:key</c> → value; <c>null</c>: set, but unknown here.</param>
    /// <param name="secretKeys">Keys whose value is secret: <see cref="Config.Get"/> refuses them.</param>
    public static DeploymentResult Run(string project, IReadOnlyDictionary<string, string?> config, IReadOnlySet<string> secretKeys, Func<IDictionary<string, object?>> program)
    {
        if (Current.Value is not null)
        {
            throw new InvalidOperationException("A deployment is already running on this thread.");
        }

        var state = new State(project, config, secretKeys);
        Current.Value = state;
        try
        {
            var outputs = program();
            return new DeploymentResult(project, state.Resources, [.. outputs]);
        }
        finally
        {
            Current.Value = null;
        }
    }

    internal static State Instance => Current.Value
        ?? throw new InvalidOperationException("Resources and config are used only inside Deployment.Run.");

    internal static void Register(CustomResource resource)
    {
        var state = Instance;
        if (state.Resources.Any(r => r.GetResourceName() == resource.GetResourceName()))
        {
            throw new InvalidOperationException($"The program declares resource '{resource.GetResourceName()}' twice; each logical name must be unique.");
        }

        state.Resources.Add(resource);
    }

    internal sealed class State(string project, IReadOnlyDictionary<string, string?> config, IReadOnlySet<string> secretKeys)
    {
        public string Project { get; } = project;

        public IReadOnlyDictionary<string, string?> Config { get; } = config;

        public IReadOnlySet<string> SecretKeys { get; } = secretKeys;

        public List<CustomResource> Resources { get; } = [];
    }
}
