using System.Text;

namespace SentinelAwsIac.Infra.Config;

/// <summary>The config reference table of docs/stack/config.md, generated from <see cref="ConfigKeys.All"/>.</summary>
public static class ConfigReference
{
    public static string Table()
    {
        var text = new StringBuilder();
        text.Append("| Key | Default | Meaning |\n|---|---|---|\n");
        foreach (var key in ConfigKeys.All)
        {
            var secret = key.Secret ? " **Secret**: set it with `pulumi config set --secret`." : "";
            text.Append($"| `{key.Qualified}` | {key.Default} | {key.Meaning.Replace("|", "\\|", StringComparison.Ordinal)}{secret} |\n");
        }

        return text.ToString();
    }
}
