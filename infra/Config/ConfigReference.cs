using System.Globalization;
using System.Text;

namespace SentinelAwsIac.Infra.Config;

/// <summary>The config reference table of docs/stack/config.md, generated from the definitions in
/// <see cref="ConfigKeys.All"/>: the same defaults and bounds validation applies and the program writes.</summary>
public static class ConfigReference
{
    public static string Table()
    {
        var text = new StringBuilder();
        text.Append("| Key | Default | Accepts | Meaning |\n|---|---|---|---|\n");
        foreach (var key in ConfigKeys.All)
        {
            var secret = key.Secret ? " **Secret**: set it with `pulumi config set --secret`." : "";
            text.Append(CultureInfo.InvariantCulture, $"| `{key.Qualified}` | {Cell(key.DefaultText)} | {Cell(key.Accepts)} | {Cell(key.Meaning)}{secret} |\n");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
