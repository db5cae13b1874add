namespace SentinelAwsIac.Connector.Tests.Support;

/// <summary>The checkout the tests run in: the first folder above the test binaries (or the working directory) that
/// holds Pulumi.yaml and connector/.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Pulumi.yaml")) && Directory.Exists(Path.Combine(d.FullName, "connector")))
                    return d.FullName;
        throw new InvalidOperationException("Could not find the checkout (a folder with Pulumi.yaml and connector/) above the test binaries or the working directory.");
    }
}
