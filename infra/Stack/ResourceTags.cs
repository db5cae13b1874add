using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Pulumi;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The configured tags (config <c>tags</c>), for every resource that takes them; an empty map (which the
/// program leaves out) when none are set.</summary>
public static class ResourceTags
{
    public static InputMap<string> Of(StackSettings settings)
    {
        var tags = new InputMap<string>();
        foreach (var (key, value) in settings.Tags)
        {
            tags.Add(key, value);
        }

        return tags;
    }
}
