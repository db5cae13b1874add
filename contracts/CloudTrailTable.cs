namespace SentinelAwsIac.Contracts;

/// <summary>
/// The columns the worker writes for each CloudTrail event. They mirror the built-in Sentinel table
/// <c>AWSCloudTrail</c> (Azure Monitor table reference "AWSCloudTrail"), so that rows can go to a custom
/// table with the same schema or straight into the built-in one through the <c>Microsoft-AWSCloudTrail</c>
/// stream. Reserved columns of every table (<c>Type</c>, <c>_BilledSize</c>, <c>_ResourceId</c>…) are
/// set by the service and are not declared. The deprecated <c>AwsRequestId</c> is left out in favour of
/// <c>AwsRequestId_</c>, as the reference advises.
/// This list is the single definition used by the table, the DCR stream declaration and the mapper.
/// </summary>
public static class CloudTrailTable
{
    public const string DefaultName = "AWSCloudTrail_CL";

    /// <summary>Output stream of the built-in table; it accepts the Logs Ingestion API (Azure Monitor docs,
    /// "Tables that support the Logs Ingestion API").</summary>
    public const string BuiltInOutputStream = "Microsoft-AWSCloudTrail";

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("TimeGenerated", ColumnType.DateTime, "eventTime of the CloudTrail record (never the ingestion time)"),
        new("AwsEventId", ColumnType.String, "eventID: GUID CloudTrail gives each event"),
        new("AwsRequestId_", ColumnType.String, "requestID of the call"),
        new("EventName", ColumnType.String, "eventName: the API action"),
        new("EventSource", ColumnType.String, "eventSource: the service called, e.g. iam.amazonaws.com"),
        new("EventTypeName", ColumnType.String, "eventType: AwsApiCall, AwsServiceEvent, AwsConsoleSignIn, …"),
        new("EventVersion", ColumnType.String, "eventVersion of the record format"),
        new("AWSRegion", ColumnType.String, "awsRegion the request was made to"),
        new("SourceIpAddress", ColumnType.String, "sourceIPAddress of the caller"),
        new("UserAgent", ColumnType.String, "userAgent of the caller"),
        new("ErrorCode", ColumnType.String, "errorCode when the call failed"),
        new("ErrorMessage", ColumnType.String, "errorMessage when the call failed"),
        new("ReadOnly", ColumnType.Boolean, "readOnly: true for read events"),
        new("ManagementEvent", ColumnType.Boolean, "managementEvent"),
        new("Category", ColumnType.String, "eventCategory (Management, Data, Insight)"),
        new("APIVersion", ColumnType.String, "apiVersion of an AwsApiCall"),
        new("OperationName", ColumnType.String, "Fixed by the built-in connector; here the eventName again"),
        new("RecipientAccountId", ColumnType.String, "recipientAccountId: the account that received the event"),
        new("SharedEventId", ColumnType.String, "sharedEventID of events delivered to several accounts"),
        new("VpcEndpointId", ColumnType.String, "vpcEndpointId the request came through"),
        new("RequestParameters", ColumnType.String, "requestParameters as JSON text"),
        new("ResponseElements", ColumnType.String, "responseElements as JSON text"),
        new("Resources", ColumnType.String, "resources as JSON text"),
        new("AdditionalEventData", ColumnType.String, "additionalEventData as JSON text"),
        new("ServiceEventDetails", ColumnType.String, "serviceEventDetails as JSON text"),
        new("UserIdentityType", ColumnType.String, "userIdentity.type"),
        new("UserIdentityPrincipalid", ColumnType.String, "userIdentity.principalId (the built-in column's spelling)"),
        new("UserIdentityArn", ColumnType.String, "userIdentity.arn"),
        new("UserIdentityAccountId", ColumnType.String, "userIdentity.accountId"),
        new("UserIdentityAccessKeyId", ColumnType.String, "userIdentity.accessKeyId"),
        new("UserIdentityUserName", ColumnType.String, "userIdentity.userName"),
        new("UserIdentityInvokedBy", ColumnType.String, "userIdentity.invokedBy"),
        new("SessionIssuerType", ColumnType.String, "userIdentity.sessionContext.sessionIssuer.type"),
        new("SessionIssuerPrincipalId", ColumnType.String, "userIdentity.sessionContext.sessionIssuer.principalId"),
        new("SessionIssuerArn", ColumnType.String, "userIdentity.sessionContext.sessionIssuer.arn"),
        new("SessionIssuerAccountId", ColumnType.String, "userIdentity.sessionContext.sessionIssuer.accountId"),
        new("SessionIssuerUserName", ColumnType.String, "userIdentity.sessionContext.sessionIssuer.userName"),
        new("SessionMfaAuthenticated", ColumnType.Boolean, "sessionContext.attributes.mfaAuthenticated (sent as a string)"),
        new("SessionCreationDate", ColumnType.DateTime, "sessionContext.attributes.creationDate"),
        new("TlsVersion", ColumnType.String, "tlsDetails.tlsVersion"),
        new("CipherSuite", ColumnType.String, "tlsDetails.cipherSuite"),
        new("ClientProvidedHostHeader", ColumnType.String, "tlsDetails.clientProvidedHostHeader"),
    ];

    public static readonly TableSchema Schema = new(DefaultName, Columns);
}
