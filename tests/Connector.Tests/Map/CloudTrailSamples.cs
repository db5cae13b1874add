using SentinelAwsIac.Connector.Source;

namespace SentinelAwsIac.Connector.Tests.Map;

/// <summary>
/// CloudTrail records shaped like the examples of the CloudTrail user guide ("CloudTrail record contents",
/// "CloudTrail userIdentity element", "AWS console sign-in events", "AWS service events"), with made-up IDs.
/// </summary>
internal static class CloudTrailSamples
{
    public const string IamUser = """
        {"eventVersion":"1.10","userIdentity":{"type":"IAMUser","principalId":"AIDAJ45Q7YFFAREXAMPLE","arn":"arn:aws:iam::123456789012:user/Alice","accountId":"123456789012","accessKeyId":"AKIAIOSFODNN7EXAMPLE","userName":"Alice"},"eventTime":"2024-05-06T07:08:09Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64","requestParameters":{"userName":"Bob","tags":[{"key":"team","value":"sec"}]},"responseElements":{"user":{"path":"/","userName":"Bob","userId":"AIDAEXAMPLEBOB","arn":"arn:aws:iam::123456789012:user/Bob","createDate":"May 6, 2024 7:08:09 AM"}},"requestID":"7a62c49f-347e-4fc4-9331-6e8eEXAMPLE","eventID":"3b6f1e6a-1111-4a5b-9c8d-0123456789ab","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"iam.amazonaws.com"}}
        """;

    public const string AssumedRole = """
        {"eventVersion":"1.09","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEID:ops-session","arn":"arn:aws:sts::123456789012:assumed-role/Ops/ops-session","accountId":"123456789012","accessKeyId":"ASIAEXAMPLEKEY","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEID","arn":"arn:aws:iam::123456789012:role/Ops","accountId":"123456789012","userName":"Ops"},"webIdFederationData":{},"attributes":{"creationDate":"2024-05-06T06:00:00Z","mfaAuthenticated":"true"}}},"eventTime":"2024-05-06T07:10:00Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.10","userAgent":"Boto3/1.34.0","requestParameters":{"instancesSet":{},"filterSet":{}},"responseElements":null,"requestID":"d1c1d1c1-2222-4a5b-9c8d-0123456789ab","eventID":"5c7e2f7b-2222-4a5b-9c8d-0123456789ab","readOnly":"true","eventType":"AwsApiCall","apiVersion":"2016-11-15","managementEvent":true,"recipientAccountId":"123456789012","vpcEndpointId":"vpce-0123456789abcdef0","eventCategory":"Management","sessionCredentialFromConsole":"true"}
        """;

    public const string ConsoleSignIn = """
        {"eventVersion":"1.08","userIdentity":{"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root","accountId":"123456789012","accessKeyId":""},"eventTime":"2024-05-06T08:00:01Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"192.0.2.44","userAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAIdentifier":"arn:aws:iam::123456789012:mfa/root","MFAUsed":"Yes"},"eventID":"deadbeef-3333-4a5b-9c8d-0123456789ab","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"signin.aws.amazon.com"}}
        """;

    public const string ServiceEvent = """
        {"eventVersion":"1.05","userIdentity":{"accountId":"123456789012","invokedBy":"cloudtrail.amazonaws.com"},"eventTime":"2024-05-06T09:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"CloudTrailInsightEventDelivery","awsRegion":"us-west-2","sourceIPAddress":"cloudtrail.amazonaws.com","userAgent":"cloudtrail.amazonaws.com","requestParameters":null,"responseElements":null,"eventID":"0a1b2c3d-4444-4a5b-9c8d-0123456789ab","readOnly":"false","eventType":"AwsServiceEvent","managementEvent":true,"recipientAccountId":"123456789012","sharedEventID":"aaaabbbb-4444-4a5b-9c8d-0123456789ab","serviceEventDetails":{"snapshotId":"snap-01234567","status":"completed","resources":[{"arn":"arn:aws:ec2:us-west-2::snapshot/snap-01234567"}]},"eventCategory":"Management"}
        """;

    public const string AccessDenied = """
        {"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLEID:ci","arn":"arn:aws:sts::123456789012:assumed-role/CI/ci","accountId":"123456789012","accessKeyId":"ASIAEXAMPLECI","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEID","arn":"arn:aws:iam::123456789012:role/CI","accountId":"123456789012","userName":"CI"},"attributes":{"creationDate":"2024-05-06T09:59:00.123+02:00","mfaAuthenticated":false}}},"eventTime":"2024-05-06T10:00:00Z","eventSource":"kms.amazonaws.com","eventName":"Decrypt","awsRegion":"us-east-1","sourceIPAddress":"10.1.2.3","userAgent":"aws-sdk-go-v2/1.25.0","errorCode":"AccessDenied","errorMessage":"User: arn:aws:sts::123456789012:assumed-role/CI/ci is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/1234abcd because no identity-based policy allows the kms:Decrypt action","requestParameters":null,"responseElements":null,"requestID":"e2e2e2e2-5555-4a5b-9c8d-0123456789ab","eventID":"e5e5e5e5-5555-4a5b-9c8d-0123456789ab","readOnly":true,"resources":[{"accountId":"123456789012","type":"AWS::KMS::Key","ARN":"arn:aws:kms:us-east-1:123456789012:key/1234abcd"}],"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management"}
        """;

    public static IEnumerable<object[]> All() =>
        new[] { IamUser, AssumedRole, ConsoleSignIn, ServiceEvent, AccessDenied }.Select(json => new object[] { json });

    /// <summary>Wraps a record as LookupEvents returns it; the summary fields are what the service would put there.</summary>
    public static CloudTrailEvent Event(string json, string eventId = "summary-id", string? eventName = null,
        string? eventSource = null, string? readOnly = null, string? accessKeyId = null, string? username = null) =>
        new(eventId, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), eventName, eventSource, username, readOnly, accessKeyId, json);
}
