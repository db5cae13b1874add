using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Source;

/// <summary>AWS JSON 1.1 bodies of LookupEvents: timestamps are epoch seconds (JSON numbers), errors carry
/// <c>__type</c> (possibly prefixed "namespace#") and a message member in any letter case (AWS JSON protocol).</summary>
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

    /// <summary>Reads a LookupEvents page with one forward pass of <see cref="Utf8JsonReader"/> (no DOM). Each event's
    /// <c>CloudTrailEvent</c> string is unescaped straight into UTF-8 bytes the event owns; <paramref name="payload"/>
    /// may be pooled memory and is not referenced once this returns.</summary>
    public static LookupEventsResponse ReadResponse(ReadOnlySpan<byte> payload)
    {
        var result = new LookupEventsResponse();
        byte[]? scratch = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("The LookupEvents response is not a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("NextToken"u8))
                {
                    reader.Read();
                    result.NextToken = OptionalString(ref reader);
                }
                else if (reader.ValueTextEquals("Events"u8))
                {
                    reader.Read();
                    result.Events.Clear(); // as a DOM lookup would, the last "Events" wins
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            result.Events.Add(ReadEvent(ref reader, ref scratch));
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.Read()) // throws on trailing text; a second value after the object is not a response either
                throw new JsonException("The LookupEvents response has text after its closing brace.");
            return result;
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static CloudTrailEvent ReadEvent(ref Utf8JsonReader reader, ref byte[]? scratch)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"An element of Events is a JSON {reader.TokenType}, expected an object.");
        string? eventId = null, eventName = null, eventSource = null, username = null, readOnly = null, accessKeyId = null;
        DateTimeOffset? eventTime = null;
        var record = ReadOnlyMemory<byte>.Empty;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("CloudTrailEvent"u8))
            {
                reader.Read();
                record = reader.TokenType == JsonTokenType.String ? CopyRecord(ref reader, ref scratch) : ReadOnlyMemory<byte>.Empty;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("EventId"u8))
            {
                reader.Read();
                eventId = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new JsonException($"EventId is a JSON {reader.TokenType}, expected a string."),
                };
            }
            else if (reader.ValueTextEquals("EventTime"u8)) { reader.Read(); eventTime = ReadTime(ref reader); }
            else if (reader.ValueTextEquals("EventName"u8)) { reader.Read(); eventName = OptionalString(ref reader); }
            else if (reader.ValueTextEquals("EventSource"u8)) { reader.Read(); eventSource = OptionalString(ref reader); }
            else if (reader.ValueTextEquals("Username"u8)) { reader.Read(); username = OptionalString(ref reader); }
            else if (reader.ValueTextEquals("ReadOnly"u8)) { reader.Read(); readOnly = OptionalString(ref reader); }
            else if (reader.ValueTextEquals("AccessKeyId"u8)) { reader.Read(); accessKeyId = OptionalString(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }
        return new CloudTrailEvent(
            EventId: eventId ?? throw new JsonException("Event without EventId."),
            EventTime: eventTime ?? throw new JsonException("Event without EventTime."),
            EventName: eventName,
            EventSource: eventSource,
            Username: username,
            ReadOnly: readOnly,
            AccessKeyId: accessKeyId,
            CloudTrailEventUtf8: record);
    }

    /// <summary>Unescapes the record string into a pooled scratch buffer (the unescaped form is never longer than the
    /// escaped one), then copies it into an array of its exact size that the event owns.</summary>
    private static byte[] CopyRecord(ref Utf8JsonReader reader, ref byte[]? scratch)
    {
        var escapedLength = reader.ValueSpan.Length;
        if (scratch is null || scratch.Length < escapedLength)
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(Math.Max(escapedLength, 16 * 1024));
        }
        var length = reader.CopyString(scratch);
        return scratch.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// The error of a non-200 answer, read as the AWS SDK for JavaScript v3 reads AWS JSON errors (docs/facts.md,
    /// "Wire details"): the type from <c>__type</c>, else a <c>code</c> member in any letter case, else the
    /// <c>x-amzn-ErrorType</c> header; cleaned of ",…", ":…" and "namespace#". The message from a <c>message</c>
    /// member in any letter case (CloudTrail's model names it <c>Message</c>, many services answer <c>message</c>).
    /// </summary>
    public static CloudTrailServiceException ReadError(ReadOnlyMemory<byte> payload, HttpStatusCode status, string? requestId, string region, HttpResponseHeaders headers)
    {
        string? type = null, code = null, message = null;
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in doc.RootElement.EnumerateObject())
                {
                    if (member.Value.ValueKind != JsonValueKind.String) continue;
                    if (member.Name == "__type") type ??= member.Value.GetString();
                    else if (member.Name.Equals("code", StringComparison.OrdinalIgnoreCase)) code ??= member.Value.GetString();
                    else if (member.Name.Equals("message", StringComparison.OrdinalIgnoreCase)) message ??= member.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            message = payload.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(payload.Span[..Math.Min(payload.Length, 512)]);
        }
        type ??= code;
        if (type is null && headers.TryGetValues("x-amzn-ErrorType", out var values)) type = values.FirstOrDefault();
        type ??= status == HttpStatusCode.TooManyRequests ? Contracts.CloudTrailLimits.ThrottlingErrorType : $"Http{(int)status}";
        return new CloudTrailServiceException(CleanErrorType(type), status, message, requestId, region);
    }

    /// <summary>"aws.protocol#ThrottlingException:http://…" → "ThrottlingException": cut at the first ',' and ':', then
    /// keep what follows '#' (the SDK for JavaScript's sanitizeErrorCode does the same, in that order).</summary>
    internal static string CleanErrorType(string type)
    {
        var comma = type.IndexOf(',');
        if (comma >= 0) type = type[..comma];
        var colon = type.IndexOf(':');
        if (colon >= 0) type = type[..colon];
        var hash = type.IndexOf('#');
        if (hash >= 0) type = type[(hash + 1)..];
        return type.Trim();
    }

    private static DateTimeOffset ReadTime(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000)),
        JsonTokenType.String => DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new JsonException($"EventTime is {Kind(reader.TokenType)}, expected epoch seconds."),
    };

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "Object",
        JsonTokenType.StartArray => "Array",
        JsonTokenType.True => "True",
        JsonTokenType.False => "False",
        _ => token.ToString(),
    };

    /// <summary>The string value, or null for any other kind of value (which is skipped).</summary>
    private static string? OptionalString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }
}
