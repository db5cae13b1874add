using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SentinelAwsIac.Emulators.CloudTrail;

/// <summary>
/// Makes events shaped like real CloudTrail management-event records (CloudTrail user guide, "CloudTrail record
/// contents"; docs/facts.md#cloudtrail-record): userIdentity with sessionContext, request parameters and response
/// elements, TLS details; 1–3 KB of JSON each. Deterministic for a seed, so benchmarks are repeatable.
/// </summary>
public sealed class CloudTrailRecordGenerator(int seed = 1)
{
    private readonly Random _random = new(seed);
    private readonly object _lock = new();

    private static readonly (string Name, string Source, bool ReadOnly, int Padding)[] Calls =
    [
        ("DescribeInstances", "ec2.amazonaws.com", true, 200),
        ("AssumeRole", "sts.amazonaws.com", false, 400),
        ("GetBucketAcl", "s3.amazonaws.com", true, 100),
        ("CreateUser", "iam.amazonaws.com", false, 300),
        ("RunInstances", "ec2.amazonaws.com", false, 1500),
        ("PutBucketPolicy", "s3.amazonaws.com", false, 900),
        ("ConsoleLogin", "signin.amazonaws.com", false, 50),
        ("ListRoles", "iam.amazonaws.com", true, 0),
        ("Decrypt", "kms.amazonaws.com", true, 250),
        ("UpdateTrail", "cloudtrail.amazonaws.com", false, 600),
    ];

    /// <summary>One event in <paramref name="accountId"/>/<paramref name="region"/> at <paramref name="eventTime"/> (second precision, as CloudTrail).</summary>
    public EmulatedEvent Create(string accountId, string region, DateTimeOffset eventTime, DateTimeOffset? visibleAt = null)
    {
        int pick, ip, padding; Guid id, requestId; string user;
        lock (_lock)
        {
            pick = _random.Next(Calls.Length);
            ip = _random.Next(1, 254);
            padding = _random.Next(0, 400);
            id = new Guid(_random.Next(), (short)_random.Next(), (short)_random.Next(), RandomBytes(8));
            requestId = new Guid(_random.Next(), (short)_random.Next(), (short)_random.Next(), RandomBytes(8));
            user = $"user{_random.Next(50)}";
        }
        var call = Calls[pick];
        var time = DateTimeOffset.FromUnixTimeSeconds(eventTime.ToUnixTimeSeconds());
        var accessKey = "ASIA" + id.ToString("N")[..16].ToUpperInvariant();
        var roleArn = $"arn:aws:iam::{accountId}:role/Admin";
        var resourceName = call.Source.StartsWith("s3", StringComparison.Ordinal) ? $"bucket-{user}" : $"arn:aws:ec2:{region}:{accountId}:instance/i-{id.ToString("N")[..17]}";

        using var buffer = new MemoryStream(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("eventVersion", "1.11");
            w.WriteStartObject("userIdentity");
            w.WriteString("type", "AssumedRole");
            w.WriteString("principalId", $"AROA{accountId}EXAMPLE:{user}");
            w.WriteString("arn", $"arn:aws:sts::{accountId}:assumed-role/Admin/{user}");
            w.WriteString("accountId", accountId);
            w.WriteString("accessKeyId", accessKey);
            w.WriteStartObject("sessionContext");
            w.WriteStartObject("sessionIssuer");
            w.WriteString("type", "Role");
            w.WriteString("principalId", $"AROA{accountId}EXAMPLE");
            w.WriteString("arn", roleArn);
            w.WriteString("accountId", accountId);
            w.WriteString("userName", "Admin");
            w.WriteEndObject();
            w.WriteStartObject("attributes");
            w.WriteString("creationDate", time.AddMinutes(-20).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("mfaAuthenticated", pick % 2 == 0 ? "true" : "false");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("eventTime", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("eventSource", call.Source);
            w.WriteString("eventName", call.Name);
            w.WriteString("awsRegion", region);
            w.WriteString("sourceIPAddress", $"203.0.113.{ip}");
            w.WriteString("userAgent", "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/" + call.Name.ToLowerInvariant());
            if (pick == 3 && ip % 5 == 0)
            {
                w.WriteString("errorCode", "AccessDenied");
                w.WriteString("errorMessage", $"User: arn:aws:sts::{accountId}:assumed-role/Admin/{user} is not authorized to perform: iam:{call.Name}");
            }
            w.WriteStartObject("requestParameters");
            w.WriteString("resourceName", resourceName);
            w.WriteString("filter", new string('x', call.Padding / 4 + padding / 4));
            w.WriteStartArray("tagSpecificationSet");
            for (var i = 0; i < 1 + call.Padding / 300; i++)
            {
                w.WriteStartObject();
                w.WriteString("key", $"CostCenter{i}");
                w.WriteString("value", $"team-{user}-{i}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            if (call.ReadOnly) w.WriteNull("responseElements");
            else
            {
                w.WriteStartObject("responseElements");
                w.WriteString("requestId", requestId.ToString());
                w.WriteString("detail", new string('r', call.Padding / 2 + padding / 2));
                w.WriteEndObject();
            }
            w.WriteString("requestID", requestId.ToString());
            w.WriteString("eventID", id.ToString());
            w.WriteBoolean("readOnly", call.ReadOnly);
            w.WriteStartArray("resources");
            w.WriteStartObject();
            w.WriteString("accountId", accountId);
            w.WriteString("type", call.Source.StartsWith("s3", StringComparison.Ordinal) ? "AWS::S3::Bucket" : "AWS::EC2::Instance");
            w.WriteString("ARN", resourceName);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("eventType", call.Name == "ConsoleLogin" ? "AwsConsoleSignIn" : "AwsApiCall");
            w.WriteBoolean("managementEvent", true);
            w.WriteString("recipientAccountId", accountId);
            w.WriteString("eventCategory", "Management");
            w.WriteStartObject("tlsDetails");
            w.WriteString("tlsVersion", "TLSv1.3");
            w.WriteString("cipherSuite", "TLS_AES_128_GCM_SHA256");
            w.WriteString("clientProvidedHostHeader", call.Source.Replace(".amazonaws.com", "") + $".{region}.amazonaws.com");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        var json = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return new EmulatedEvent(id.ToString(), time, call.Name, call.Source, user, call.ReadOnly ? "true" : "false", accessKey,
            [(call.Source.StartsWith("s3", StringComparison.Ordinal) ? "AWS::S3::Bucket" : "AWS::EC2::Instance", resourceName)], json)
        { VisibleAt = visibleAt };
    }

    private byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        _random.NextBytes(b);
        return b;
    }
}
