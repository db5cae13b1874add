using System.Text;
using System.Text.Json;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Map;

/// <summary>
/// Maps a CloudTrail record (the JSON string LookupEvents returns in <c>CloudTrailEvent</c>, read as the UTF-8 bytes
/// <see cref="CloudTrailEvent.CloudTrailEventUtf8"/>; field list from the
/// CloudTrail user guide, "CloudTrail record contents") to one row of <see cref="CloudTrailTable.Columns"/>.
/// <list type="bullet">
/// <item>One forward pass with <see cref="Utf8JsonReader"/>, copying the record's own JSON tokens into a reused
/// per-thread buffer (<see cref="RowWriter"/>): no DOM, no per-field strings. Thread-safe.</item>
/// <item><c>TimeGenerated</c> is the record's <c>eventTime</c> in UTC, never the ingestion time.</item>
/// <item><c>requestParameters</c>, <c>responseElements</c>, <c>resources</c>, <c>additionalEventData</c>,
/// <c>serviceEventDetails</c> are written as the raw JSON text of the element.</item>
/// <item><c>readOnly</c>, <c>managementEvent</c> and <c>mfaAuthenticated</c> become booleans whether CloudTrail
/// sent a JSON boolean or the string "true"/"false"; any other value is left out.</item>
/// <item>A JSON null, an absent field, or a value of the wrong kind for a boolean/datetime column is left out
/// (the column is null in Log Analytics).</item>
/// <item>A value longer than <see cref="IngestionLimits.MaxFieldBytes"/> UTF-8 bytes, which the service would
/// truncate silently (Azure Monitor docs, "Logs Ingestion API limits"), is truncated here at a UTF-8 boundary and
/// ends with <c>…[truncated by connector: N bytes]</c> (N = original size); the row is kept and
/// <see cref="MapResult.Truncated"/> is set.</item>
/// <item>Failures (dead-lettered by the caller): not JSON, not an object, no <c>eventID</c>, no
/// <c>eventTime</c> or one that is not an ISO 8601 date-time. The reason names the field.</item>
/// <item>Fallbacks to the LookupEvents summary, only where the summary is the same record field (AWS CloudTrail API
/// reference, Event data type): <c>EventName</c> (also <c>OperationName</c>), <c>EventSource</c>,
/// <c>ReadOnly</c> and <c>AccessKeyId</c> (→ <c>UserIdentityAccessKeyId</c>). Not <c>Username</c>: for assumed
/// roles it is the session name, not <c>userIdentity.userName</c>. Not <c>EventId</c>/<c>EventTime</c>: a record
/// without its own is not a faithful record, so it is dead-lettered.</item>
/// </list>
/// </summary>
public sealed class CloudTrailRecordMapper : IRecordMapper
{
    private const int MaxDepth = 256; // requestParameters of some services nest deeper than the reader's default 64.

    [ThreadStatic] private static RowWriter? _threadRow;

    private readonly int _maxFieldBytes;

    public CloudTrailRecordMapper() : this(IngestionLimits.MaxFieldBytes) { }

    /// <param name="maxFieldBytes">Field limit in UTF-8 bytes; tests only, the service's limit is the default.</param>
    internal CloudTrailRecordMapper(int maxFieldBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFieldBytes, 256);
        _maxFieldBytes = maxFieldBytes;
    }

    public MapResult Map(CloudTrailEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var utf8 = record.CloudTrailEventUtf8.Span;
        if (IsEmpty(utf8))
            return MapResult.Failure("CloudTrailEvent is empty: the record has no JSON.");
        return Map(utf8, record);
    }

    /// <summary>True when the record has no text but white space (as <see cref="string.IsNullOrWhiteSpace"/> judges it).</summary>
    private static bool IsEmpty(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') continue;
            // Other white space (U+000B, U+000C, U+0085, U+00A0, …) is rare enough to decode for the exact answer.
            return (b < 0x20 || b >= 0x80) && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(utf8));
        }
        return true;
    }

    /// <summary>Maps a record already in UTF-8; <paramref name="summary"/> supplies only the documented fallbacks.</summary>
    internal MapResult Map(ReadOnlySpan<byte> utf8Record, CloudTrailEvent? summary)
    {
        var row = _threadRow ??= new RowWriter();
        row.Reset(_maxFieldBytes);
        try
        {
            var reader = new Utf8JsonReader(utf8Record, new JsonReaderOptions { MaxDepth = MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return MapResult.Failure("CloudTrailEvent is not a JSON object.");

            string? failure = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = TopLevel(ref reader);
                reader.Read();
                failure = MapTopLevel(field, ref reader, utf8Record, row);
                if (failure is not null)
                    return MapResult.Failure(failure);
            }
            if (reader.Read()) // the reader throws on trailing text; this covers a second value after whitespace
                return MapResult.Failure("CloudTrailEvent has text after the record's closing brace.");

            if (!row.Has(RowColumn.AwsEventId))
                return MapResult.Failure("eventID is missing or empty: the record cannot be deduplicated.");
            if (!row.Has(RowColumn.TimeGenerated))
                return MapResult.Failure("eventTime is missing: TimeGenerated must be the record's eventTime.");

            if (summary is not null)
                ApplyFallbacks(summary, row);

            return MapResult.Success(row.ToRow(), row.Truncated);
        }
        catch (JsonException ex)
        {
            return MapResult.Failure($"CloudTrailEvent is not valid JSON: {ex.Message}");
        }
    }

    private static void ApplyFallbacks(CloudTrailEvent summary, RowWriter row)
    {
        if (!row.Has(RowColumn.EventName) && !string.IsNullOrEmpty(summary.EventName))
        {
            row.WriteString(RowColumn.EventName, summary.EventName);
            row.WriteString(RowColumn.OperationName, summary.EventName);
        }
        if (!row.Has(RowColumn.EventSource) && !string.IsNullOrEmpty(summary.EventSource))
            row.WriteString(RowColumn.EventSource, summary.EventSource);
        if (!row.Has(RowColumn.ReadOnly) && bool.TryParse(summary.ReadOnly, out var readOnly))
            row.WriteBoolean(RowColumn.ReadOnly, readOnly);
        if (!row.Has(RowColumn.UserIdentityAccessKeyId) && !string.IsNullOrEmpty(summary.AccessKeyId))
            row.WriteString(RowColumn.UserIdentityAccessKeyId, summary.AccessKeyId);
    }

    private static string? MapTopLevel(Field field, ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowWriter row)
    {
        switch (field)
        {
            case Field.EventTime:
                if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var eventTime))
                    return $"eventTime {Describe(ref reader, source)} is not an ISO 8601 date-time.";
                row.WriteDateTime(RowColumn.TimeGenerated, eventTime);
                return null;
            case Field.EventId:
                if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.IsEmpty)
                    return $"eventID {Describe(ref reader, source)} is not a non-empty string.";
                row.String(RowColumn.AwsEventId, ref reader, source);
                return null;
            case Field.EventName:
                // OperationName: the built-in connector's fixed value has no CloudTrail source; eventName again.
                row.String(RowColumn.EventName, ref reader, source, also: RowColumn.OperationName);
                return null;
            case Field.EventVersion: row.String(RowColumn.EventVersion, ref reader, source); return null;
            case Field.EventSource: row.String(RowColumn.EventSource, ref reader, source); return null;
            case Field.AwsRegion: row.String(RowColumn.AWSRegion, ref reader, source); return null;
            case Field.SourceIpAddress: row.String(RowColumn.SourceIpAddress, ref reader, source); return null;
            case Field.UserAgent: row.String(RowColumn.UserAgent, ref reader, source); return null;
            case Field.ErrorCode: row.String(RowColumn.ErrorCode, ref reader, source); return null;
            case Field.ErrorMessage: row.String(RowColumn.ErrorMessage, ref reader, source); return null;
            case Field.RequestId: row.String(RowColumn.AwsRequestId, ref reader, source); return null;
            case Field.EventType: row.String(RowColumn.EventTypeName, ref reader, source); return null;
            case Field.ApiVersion: row.String(RowColumn.APIVersion, ref reader, source); return null;
            case Field.RecipientAccountId: row.String(RowColumn.RecipientAccountId, ref reader, source); return null;
            case Field.SharedEventId: row.String(RowColumn.SharedEventId, ref reader, source); return null;
            case Field.VpcEndpointId: row.String(RowColumn.VpcEndpointId, ref reader, source); return null;
            case Field.EventCategory: row.String(RowColumn.Category, ref reader, source); return null;
            case Field.ReadOnly: row.Boolean(RowColumn.ReadOnly, ref reader); return null;
            case Field.ManagementEvent: row.Boolean(RowColumn.ManagementEvent, ref reader); return null;
            case Field.RequestParameters: row.JsonText(RowColumn.RequestParameters, ref reader, source); return null;
            case Field.ResponseElements: row.JsonText(RowColumn.ResponseElements, ref reader, source); return null;
            case Field.Resources: row.JsonText(RowColumn.Resources, ref reader, source); return null;
            case Field.AdditionalEventData: row.JsonText(RowColumn.AdditionalEventData, ref reader, source); return null;
            case Field.ServiceEventDetails: row.JsonText(RowColumn.ServiceEventDetails, ref reader, source); return null;
            case Field.UserIdentity: MapUserIdentity(ref reader, source, row); return null;
            case Field.TlsDetails: MapTlsDetails(ref reader, source, row); return null;
            default: reader.Skip(); return null;
        }
    }

    private static void MapUserIdentity(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowWriter row)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            if (name.SequenceEqual("type"u8)) row.String(RowColumn.UserIdentityType, ref reader, source);
            else if (name.SequenceEqual("principalId"u8)) row.String(RowColumn.UserIdentityPrincipalid, ref reader, source);
            else if (name.SequenceEqual("arn"u8)) row.String(RowColumn.UserIdentityArn, ref reader, source);
            else if (name.SequenceEqual("accountId"u8)) row.String(RowColumn.UserIdentityAccountId, ref reader, source);
            else if (name.SequenceEqual("accessKeyId"u8)) row.String(RowColumn.UserIdentityAccessKeyId, ref reader, source);
            else if (name.SequenceEqual("userName"u8)) row.String(RowColumn.UserIdentityUserName, ref reader, source);
            else if (name.SequenceEqual("invokedBy"u8)) row.String(RowColumn.UserIdentityInvokedBy, ref reader, source);
            else if (name.SequenceEqual("sessionContext"u8)) MapSessionContext(ref reader, source, row);
            else reader.Skip();
        }
    }

    private static void MapSessionContext(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowWriter row)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            if (name.SequenceEqual("sessionIssuer"u8)) MapSessionIssuer(ref reader, source, row);
            else if (name.SequenceEqual("attributes"u8)) MapSessionAttributes(ref reader, row);
            else reader.Skip();
        }
    }

    private static void MapSessionIssuer(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowWriter row)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            if (name.SequenceEqual("type"u8)) row.String(RowColumn.SessionIssuerType, ref reader, source);
            else if (name.SequenceEqual("principalId"u8)) row.String(RowColumn.SessionIssuerPrincipalId, ref reader, source);
            else if (name.SequenceEqual("arn"u8)) row.String(RowColumn.SessionIssuerArn, ref reader, source);
            else if (name.SequenceEqual("accountId"u8)) row.String(RowColumn.SessionIssuerAccountId, ref reader, source);
            else if (name.SequenceEqual("userName"u8)) row.String(RowColumn.SessionIssuerUserName, ref reader, source);
            else reader.Skip();
        }
    }

    private static void MapSessionAttributes(ref Utf8JsonReader reader, RowWriter row)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            if (name.SequenceEqual("mfaAuthenticated"u8)) row.Boolean(RowColumn.SessionMfaAuthenticated, ref reader);
            else if (name.SequenceEqual("creationDate"u8)) row.DateTime(RowColumn.SessionCreationDate, ref reader);
            else reader.Skip();
        }
    }

    private static void MapTlsDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowWriter row)
    {
        if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); return; }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName(ref reader);
            reader.Read();
            if (name.SequenceEqual("tlsVersion"u8)) row.String(RowColumn.TlsVersion, ref reader, source);
            else if (name.SequenceEqual("cipherSuite"u8)) row.String(RowColumn.CipherSuite, ref reader, source);
            else if (name.SequenceEqual("clientProvidedHostHeader"u8)) row.String(RowColumn.ClientProvidedHostHeader, ref reader, source);
            else reader.Skip();
        }
    }

    /// <summary>The property name; in the rare case it is escaped in the record, unescaped into a new array.</summary>
    private static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;

    private static string Describe(ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            return $"(a JSON {(reader.TokenType == JsonTokenType.StartObject ? "object" : "array")})";
        var start = (int)reader.TokenStartIndex;
        var raw = source[start..(int)reader.BytesConsumed];
        var text = Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, 64)]);
        return raw.Length > 64 ? text + "…" : text;
    }

    private enum Field
    {
        Other, EventVersion, UserIdentity, EventTime, EventSource, EventName, AwsRegion, SourceIpAddress, UserAgent,
        ErrorCode, ErrorMessage, RequestParameters, ResponseElements, AdditionalEventData, RequestId, EventId,
        ReadOnly, Resources, EventType, ApiVersion, ManagementEvent, RecipientAccountId, SharedEventId,
        VpcEndpointId, ServiceEventDetails, EventCategory, TlsDetails,
    }

    /// <summary>Classifies a top-level property name by length first, so each name costs one or two compares.</summary>
    private static Field TopLevel(ref Utf8JsonReader reader)
    {
        var name = PropertyName(ref reader);
        return name.Length switch
        {
            7 when name.SequenceEqual("eventID"u8) => Field.EventId,
            8 when name.SequenceEqual("readOnly"u8) => Field.ReadOnly,
            9 when name.SequenceEqual("eventTime"u8) => Field.EventTime,
            9 when name.SequenceEqual("eventName"u8) => Field.EventName,
            9 when name.SequenceEqual("awsRegion"u8) => Field.AwsRegion,
            9 when name.SequenceEqual("errorCode"u8) => Field.ErrorCode,
            9 when name.SequenceEqual("requestID"u8) => Field.RequestId,
            9 when name.SequenceEqual("resources"u8) => Field.Resources,
            9 when name.SequenceEqual("eventType"u8) => Field.EventType,
            9 when name.SequenceEqual("userAgent"u8) => Field.UserAgent,
            10 when name.SequenceEqual("apiVersion"u8) => Field.ApiVersion,
            10 when name.SequenceEqual("tlsDetails"u8) => Field.TlsDetails,
            11 when name.SequenceEqual("eventSource"u8) => Field.EventSource,
            12 when name.SequenceEqual("eventVersion"u8) => Field.EventVersion,
            12 when name.SequenceEqual("userIdentity"u8) => Field.UserIdentity,
            12 when name.SequenceEqual("errorMessage"u8) => Field.ErrorMessage,
            13 when name.SequenceEqual("sharedEventID"u8) => Field.SharedEventId,
            13 when name.SequenceEqual("vpcEndpointId"u8) => Field.VpcEndpointId,
            13 when name.SequenceEqual("eventCategory"u8) => Field.EventCategory,
            15 when name.SequenceEqual("sourceIPAddress"u8) => Field.SourceIpAddress,
            15 when name.SequenceEqual("managementEvent"u8) => Field.ManagementEvent,
            16 when name.SequenceEqual("responseElements"u8) => Field.ResponseElements,
            17 when name.SequenceEqual("requestParameters"u8) => Field.RequestParameters,
            18 when name.SequenceEqual("recipientAccountId"u8) => Field.RecipientAccountId,
            19 when name.SequenceEqual("additionalEventData"u8) => Field.AdditionalEventData,
            19 when name.SequenceEqual("serviceEventDetails"u8) => Field.ServiceEventDetails,
            _ => Field.Other,
        };
    }
}
