namespace SentinelAwsIac.Infra.Model;

/// <summary>
/// Provider plugin versions the program pins on every resource and invoke. They are the versions of the npm
/// packages @pulumi/aws, @pulumi/azure-native and @pulumi/random whose declarations the conformance gate
/// type-checks the program against (issue 2, "Resources": pin aws 7.x, azure-native 3.x, random 4.x).
/// </summary>
public static class ProviderVersions
{
    public const string Aws = "7.48.0";
    public const string AzureNative = "3.28.0";
    public const string Random = "4.21.2";

    /// <summary>Every package the program may use, with its version: the same list in every mode and with
    /// no configuration at all, because Pulumi lists packages by running the compiler without PULUMI_* env.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByPackage = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["aws"] = Aws,
        ["azure-native"] = AzureNative,
        ["random"] = Random,
    };

    /// <summary>The version for a type or function token such as <c>aws:iam:Role</c>.</summary>
    public static string ForToken(string token)
    {
        var package = token[..token.IndexOf(':', StringComparison.Ordinal)];
        return ByPackage.TryGetValue(package, out var version)
            ? version
            : throw new ArgumentException($"Token '{token}' names package '{package}', which has no pinned version. Add it to {nameof(ProviderVersions)}.", nameof(token));
    }
}
