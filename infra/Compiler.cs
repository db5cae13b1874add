using System.Text.Json;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Packaging;
using SentinelAwsIac.Infra.Program;
using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Stack;

namespace SentinelAwsIac.Infra;

/// <summary>
/// Turns a stack's config into the Pulumi program: the entry point of the typed program (<see cref="Deployment.Run"/>
/// over <see cref="StackProgram"/>) and its serialization to Pulumi YAML. Validation runs first, so an invalid config
/// fails before any resource is planned; publishing (a real Run only) runs after the program is known to be valid.
/// </summary>
public static class Compiler
{
    /// <summary>Validates <paramref name="config"/> and builds the program. With a publisher, also makes sure the
    /// connector package the program uploads exists.</summary>
    public static (StackSettings Settings, PulumiProgram Program) Build(
        IReadOnlyDictionary<string, string?> config, string rootDirectory, IConnectorPublisher? publisher, CancellationToken cancellationToken)
    {
        var package = new ConnectorPackage(ConnectorSourceHash.Compute(rootDirectory));
        StackSettings? settings = null;
        var (run, notes) = ResourceNotes.Collect(() => Deployment.Run(ConfigKeys.Namespace, config, SecretConfig.Keys(config), () =>
        {
            settings = StackConfigReader.Read(config);
            return StackProgram.Build(settings, package);
        }));
        var program = ProgramSerializer.Serialize(run, StackProgram.Description, notes);
        if (publisher is not null && settings!.Mode == StackMode.Worker)
        {
            publisher.EnsurePublished(rootDirectory, package, cancellationToken);
        }

        return (settings!, program);
    }

    /// <summary>Reads PULUMI_CONFIG: a JSON object <c>"namespace:key"</c> → string value (secrets decrypted).</summary>
    public static Dictionary<string, string?> ParsePulumiConfig(string? json)
    {
        var config = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return config;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new ConfigException("PULUMI_CONFIG", "is not JSON.", "run the program through `pulumi preview`/`pulumi up`, which sets it.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException("PULUMI_CONFIG", "is not a JSON object of config keys.", "run the program through `pulumi preview`/`pulumi up`, which sets it.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                config[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return config;
    }

    /// <summary>The folder of Pulumi.yaml: the working directory Pulumi runs the compiler in, or the nearest
    /// folder above it (or above the program's own files) that holds Pulumi.yaml.</summary>
    public static string FindRootDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Pulumi.yaml")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new ConfigException("Pulumi.yaml", "was not found in this folder or above it.", "run the command from the sentinel-aws-iac checkout.");
    }
}
