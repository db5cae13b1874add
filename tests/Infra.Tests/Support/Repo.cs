namespace SentinelAwsIac.Infra.Tests.Support;

/// <summary>Paths of the checkout the tests run in.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string InfraDll { get; } = Path.Combine(AppContext.BaseDirectory, "SentinelAwsIac.Infra.dll");

    private static string Find()
    {
        var built = typeof(Repo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (built is not null && File.Exists(Path.Combine(built, "Pulumi.yaml")))
        {
            return Path.TrimEndingDirectorySeparator(built);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")) && Directory.Exists(Path.Combine(directory.FullName, "infra")))
            {
                return directory.FullName;
            }
        }

        // Built with --artifacts-path outside the checkout: fall back to the working directory and its parents.
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the checkout (a folder with Pulumi.yaml) above the test binaries or the working directory. Run the tests from the checkout.");
    }
}
