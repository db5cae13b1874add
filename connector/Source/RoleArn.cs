using System.Text.RegularExpressions;

namespace SentinelAwsIac.Connector.Source;

/// <summary>An IAM role ARN <c>arn:&lt;partition&gt;:iam::&lt;12-digit account&gt;:role/&lt;path/&gt;name</c> (IAM identifiers reference).</summary>
public sealed partial record RoleArn(string Partition, string AccountId, string Name)
{
    [GeneratedRegex(@"^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role/((?:[\w+=,.@-]+/)*)([\w+=,.@-]{1,64})$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out RoleArn? arn)
    {
        arn = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Pattern().Match(text.Trim());
        if (!m.Success) return false;
        arn = new RoleArn(m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value);
        return true;
    }

    public static RoleArn Parse(string text) => TryParse(text, out var arn)
        ? arn!
        : throw new FormatException($"'{text}' is not an IAM role ARN: expected arn:aws:iam::<account>:role/<name>.");
}
