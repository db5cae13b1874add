using System.Globalization;
using System.Text.Json;

namespace SentinelAwsIac.Emulators.CloudTrail;

/// <summary>A parsed LookupEvents request body and its checks (API_LookupEvents).</summary>
internal sealed record LookupQuery(DateTimeOffset? StartTime, DateTimeOffset? EndTime, int MaxResults, string? NextToken,
    IReadOnlyList<(string Key, string Value)> Attributes, string? EventCategory)
{
    private static readonly string[] AttributeKeys = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

    public static LookupQuery Parse(byte[] body)
    {
        using var doc = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
        var root = doc.RootElement;
        DateTimeOffset? Time(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(v.GetDouble() * 1000)) : null;
        var attributes = new List<(string, string)>();
        if (root.TryGetProperty("LookupAttributes", out var attrs))
            foreach (var a in attrs.EnumerateArray())
                attributes.Add((a.GetProperty("AttributeKey").GetString()!, a.GetProperty("AttributeValue").GetString()!));
        return new LookupQuery(Time("StartTime"), Time("EndTime"),
            root.TryGetProperty("MaxResults", out var max) ? max.GetInt32() : 50,
            root.TryGetProperty("NextToken", out var token) ? token.GetString() : null,
            attributes,
            root.TryGetProperty("EventCategory", out var category) ? category.GetString() : null);
    }

    public (string Type, string Message)? Validate()
    {
        if (MaxResults is < 1 or > 50) return ("InvalidMaxResultsException", "Value for MaxResults is invalid: it must be between 1 and 50.");
        if (StartTime is { } s && EndTime is { } e && s > e) return ("InvalidTimeRangeException", "Start time must be before end time.");
        if (Attributes.Count > 1) return ("InvalidLookupAttributesException", "You can specify only one lookup attribute.");
        if (Attributes.Count == 1 && !AttributeKeys.Contains(Attributes[0].Key)) return ("InvalidLookupAttributesException", $"Unknown attribute key {Attributes[0].Key}.");
        if (EventCategory is not null && EventCategory != "insight") return ("InvalidEventCategoryException", "EventCategory must be insight.");
        return null;
    }

    /// <summary>The parameters a NextToken is bound to (everything but the token and MaxResults).</summary>
    public string ParameterHash() =>
        $"{StartTime?.ToUnixTimeSeconds()};{EndTime?.ToUnixTimeSeconds()};{EventCategory};{string.Join(",", Attributes.Select(a => a.Key + "=" + a.Value))}".GetHashCode().ToString("x8", CultureInfo.InvariantCulture);

    public bool Matches(EmulatedEvent e)
    {
        if (Attributes.Count == 0) return true;
        var (key, value) = Attributes[0];
        return key switch
        {
            "EventId" => e.EventId == value,
            "EventName" => e.EventName == value,
            "ReadOnly" => e.ReadOnly == value,
            "Username" => e.Username == value,
            "EventSource" => e.EventSource == value,
            "AccessKeyId" => e.AccessKeyId == value,
            "ResourceType" => e.Resources.Any(r => r.Type == value),
            "ResourceName" => e.Resources.Any(r => r.Name == value),
            _ => false,
        };
    }
}
