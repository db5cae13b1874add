using System.Globalization;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>The two fields of a CloudTrail record the S3 source needs before mapping: <c>eventID</c> (duplicates of a
/// redelivered message are dropped by it) and <c>eventTime</c>. Read from the record's top level only, without
/// building a document.</summary>
public readonly record struct CloudTrailRecordFields(string EventId, DateTimeOffset EventTime)
{
    /// <summary>The fields of <paramref name="record"/>, or null with the reason when one is missing or malformed.</summary>
    public static CloudTrailRecordFields? Read(ReadOnlySpan<byte> record, out string? failure)
    {
        string? id = null;
        DateTimeOffset? time = null;
        failure = null;
        try
        {
            var reader = new Utf8JsonReader(record);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                failure = "the record is not a JSON object";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("eventID"u8);
                var isTime = !isId && reader.ValueTextEquals("eventTime"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                {
                    id = reader.GetString();
                }
                else if (isTime && reader.TokenType == JsonTokenType.String
                    && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
                {
                    time = t;
                }
                else
                {
                    reader.Skip();
                }

                if (id is not null && time is not null) break;
            }
        }
        catch (JsonException e)
        {
            failure = $"the record is not valid JSON ({e.Message})";
            return null;
        }

        if (string.IsNullOrEmpty(id))
        {
            failure = "the record has no eventID";
            return null;
        }

        if (time is null)
        {
            failure = "the record has no eventTime in ISO 8601";
            return null;
        }

        return new CloudTrailRecordFields(id, time.Value);
    }
}
