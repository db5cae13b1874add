using System.Text;
using System.Text.Json;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Tests.Sink;

/// <summary>Rows shaped like the mapper's output (columns of <see cref="CloudTrailTable"/>), 1–3 KB each, for sink tests.</summary>
internal static class CloudTrailRows
{
    public static readonly DateTimeOffset BaseTime = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static string EventId(int i) => $"00000000-0000-4000-8000-{i:D12}";

    public static DateTimeOffset TimeOf(int i) => BaseTime.AddSeconds(i);

    /// <summary>A valid row; <paramref name="extra"/> adds or overrides properties (to make it invalid).</summary>
    public static byte[] Row(int i, int targetBytes = 0, Action<Utf8JsonWriter>? extra = null)
    {
        targetBytes = targetBytes > 0 ? targetBytes : 1024 + (i * 7919 % 2048);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(Col("TimeGenerated"), TimeOf(i));
            json.WriteString(Col("AwsEventId"), EventId(i));
            json.WriteString(Col("EventName"), "AssumeRole");
            json.WriteString(Col("EventSource"), "sts.amazonaws.com");
            json.WriteString(Col("AWSRegion"), "eu-west-1");
            json.WriteString(Col("SourceIpAddress"), "203.0.113.7");
            json.WriteString(Col("UserAgent"), "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5");
            json.WriteBoolean(Col("ReadOnly"), i % 3 == 0);
            json.WriteBoolean(Col("ManagementEvent"), true);
            json.WriteString(Col("UserIdentityArn"), $"arn:aws:sts::123456789012:assumed-role/reader/session-{i}");
            json.WriteString(Col("SessionCreationDate"), TimeOf(i).AddMinutes(-5));
            extra?.Invoke(json);
            var pad = new StringBuilder("{\"roleArn\":\"arn:aws:iam::123456789012:role/reader\",\"policy\":\"");
            json.Flush();
            var filler = Math.Max(0, targetBytes - (int)buffer.Length - 60);
            for (var k = 0; pad.Length < filler; k++) pad.Append("Allow s3:GetObject ").Append(k).Append(' ');
            pad.Append("\"}");
            json.WriteString(Col("RequestParameters"), pad.ToString());
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string Col(string name) => CloudTrailTable.Schema[name].Name;
}
