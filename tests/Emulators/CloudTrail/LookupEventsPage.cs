using System.Text.Json;

namespace SentinelAwsIac.Emulators.CloudTrail;

/// <summary>
/// A LookupEvents response body as the service writes it (AWS CloudTrail API reference, LookupEvents response and the
/// Event data type): <c>Events[]</c> with the summary fields, <c>EventTime</c> in epoch seconds, the full record as the
/// <c>CloudTrailEvent</c> JSON string, and <c>NextToken</c> when more pages follow.
/// </summary>
public static class LookupEventsPage
{
    public static void Write(Stream destination, IReadOnlyList<EmulatedEvent> page, string? nextToken)
    {
        using var w = new Utf8JsonWriter(destination);
        w.WriteStartObject();
        w.WriteStartArray("Events");
        foreach (var e in page)
        {
            w.WriteStartObject();
            w.WriteString("EventId", e.EventId);
            w.WriteString("EventName", e.EventName);
            w.WriteString("ReadOnly", e.ReadOnly);
            if (e.AccessKeyId is not null) w.WriteString("AccessKeyId", e.AccessKeyId);
            w.WriteNumber("EventTime", e.EventTime.ToUnixTimeSeconds());
            w.WriteString("EventSource", e.EventSource);
            if (e.Username is not null) w.WriteString("Username", e.Username);
            w.WriteStartArray("Resources");
            foreach (var (type, name) in e.Resources)
            {
                w.WriteStartObject();
                w.WriteString("ResourceType", type);
                w.WriteString("ResourceName", name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("CloudTrailEvent", e.CloudTrailEventJson);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (nextToken is not null) w.WriteString("NextToken", nextToken);
        w.WriteEndObject();
    }
}
