using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Source;

/// <summary>AWS JSON 1.1 bodies of LookupEvents: timestamps are epoch seconds (JSON numbers), errors carry
/// <c>__type</c> (possibly prefixed "namespace#") and <c>message</c> or <c>Message</c> (AWS JSON protocol).</summary>
internal static class LookupEventsJson
{
    public static byte[] WriteRequest(LookupEventsRequest request)
    {
        using var buffer = new MemoryStream(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (request.LookupAttributes.Count > 0)
            {
                w.WriteStartArray("LookupAttributes");
                foreach (var a in request.LookupAttributes)
                {
                    w.WriteStartObject();
                    w.WriteString("AttributeKey", a.AttributeKey);
                    w.WriteString("AttributeValue", a.AttributeValue);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (request.StartTime is { } start) w.WriteNumber("StartTime", start.ToUnixTimeSeconds());
            if (request.EndTime is { } end) w.WriteNumber("EndTime", end.ToUnixTimeSeconds());
            if (request.MaxResults is { } max) w.WriteNumber("MaxResults", max);
            if (request.NextToken is { } token) w.WriteString("NextToken", token);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static LookupEventsResponse ReadResponse(byte[] payload)
    {
        var result = new LookupEventsResponse();
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        if (root.TryGetProperty("NextToken", out var next) && next.ValueKind == JsonValueKind.String)
            result.NextToken = next.GetString();
        if (root.TryGetProperty("Events", out var events) && events.ValueKind == JsonValueKind.Array)
        {
            result.Events.Capacity = events.GetArrayLength();
            foreach (var e in events.EnumerateArray())
            {
                result.Events.Add(new CloudTrailEvent(
                    EventId: e.GetProperty("EventId").GetString() ?? throw new JsonException("Event without EventId."),
                    EventTime: ReadTime(e.GetProperty("EventTime")),
                    EventName: OptionalString(e, "EventName"),
                    EventSource: OptionalString(e, "EventSource"),
                    Username: OptionalString(e, "Username"),
                    ReadOnly: OptionalString(e, "ReadOnly"),
                    AccessKeyId: OptionalString(e, "AccessKeyId"),
                    CloudTrailEventJson: OptionalString(e, "CloudTrailEvent") ?? ""));
            }
        }
        return result;
    }

    public static CloudTrailServiceException ReadError(byte[] payload, HttpStatusCode status, string? requestId, string region, HttpResponseHeaders headers)
    {
        string? type = null, message = null;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                type = OptionalString(doc.RootElement, "__type");
                message = OptionalString(doc.RootElement, "message") ?? OptionalString(doc.RootElement, "Message");
            }
        }
        catch (JsonException)
        {
            message = payload.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 512));
        }
        // The error type may also come in x-amzn-ErrorType (AWS JSON protocol); strip "ns#" and ":detail".
        if (type is null && headers.TryGetValues("x-amzn-ErrorType", out var values)) type = values.FirstOrDefault();
        type ??= status == HttpStatusCode.TooManyRequests ? Contracts.CloudTrailLimits.ThrottlingErrorType : $"Http{(int)status}";
        var hash = type.LastIndexOf('#');
        if (hash >= 0) type = type[(hash + 1)..];
        var colon = type.IndexOf(':');
        if (colon >= 0) type = type[..colon];
        return new CloudTrailServiceException(type, status, message, requestId, region);
    }

    private static DateTimeOffset ReadTime(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(e.GetDouble() * 1000)),
        JsonValueKind.String => DateTimeOffset.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new JsonException($"EventTime is {e.ValueKind}, expected epoch seconds."),
    };

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
