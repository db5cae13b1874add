using System.Net;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>
/// Reads an SQS message body as an S3 event notification (docs/facts.md "S3 through SQS"): direct from S3, or wrapped
/// by SNS (the S3 JSON as the string <c>Message</c> of a <c>Notification</c>); the <c>s3:TestEvent</c> S3 sends on
/// set-up; only <c>ObjectCreated:*</c> records of event version 2.x, each key decoded from its URL form (<c>+</c> is a
/// space). Anything else is unrecognized, with the reason, never an exception.
/// </summary>
public static class S3NotificationParser
{
    public static S3Notification Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            return Parse(document.RootElement, unwrapped: false);
        }
        catch (JsonException e)
        {
            return S3Notification.Unrecognized($"the message body is not JSON ({e.Message})");
        }
    }

    private static S3Notification Parse(JsonElement root, bool unwrapped)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return S3Notification.Unrecognized($"the message body is a JSON {root.ValueKind}, not an object");
        }

        if (!unwrapped && Text(root, "Type") == "Notification" && Text(root, "Message") is { } inner)
        {
            try
            {
                using var document = JsonDocument.Parse(inner);
                return Parse(document.RootElement, unwrapped: true);
            }
            catch (JsonException e)
            {
                return S3Notification.Unrecognized($"the SNS notification's Message is not JSON ({e.Message})");
            }
        }

        if (Text(root, "Event") == "s3:TestEvent")
        {
            return S3Notification.Test;
        }

        if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return S3Notification.Unrecognized("no Records array: not an S3 event notification");
        }

        var objects = new List<S3ObjectRef>();
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object || Text(record, "eventSource") != "aws:s3")
            {
                return S3Notification.Unrecognized("a record's eventSource is not aws:s3");
            }

            if (Text(record, "eventVersion") is not { } version || !version.StartsWith("2.", StringComparison.Ordinal))
            {
                return S3Notification.Unrecognized($"event version '{Text(record, "eventVersion")}' is not 2.x");
            }

            if (Text(record, "eventName") is not { } name || !name.StartsWith("ObjectCreated:", StringComparison.Ordinal))
            {
                continue;
            }

            if (!record.TryGetProperty("s3", out var s3) || s3.ValueKind != JsonValueKind.Object
                || !s3.TryGetProperty("bucket", out var bucket) || Text(bucket, "name") is not { } bucketName
                || !s3.TryGetProperty("object", out var obj) || Text(obj, "key") is not { } key)
            {
                return S3Notification.Unrecognized("an ObjectCreated record lacks s3.bucket.name or s3.object.key");
            }

            long? size = obj.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : null;
            objects.Add(new S3ObjectRef(bucketName, WebUtility.UrlDecode(key), size));
        }

        return S3Notification.Created(objects);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
