using System.Text.Json;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Map;

/// <summary>
/// The output columns of a CloudTrail row, as indexes into a bit mask (so a column is written at most once) and
/// as pre-encoded JSON property names. Every name is taken from <see cref="CloudTrailTable.Columns"/>, never
/// typed here: the static constructor fails if a name the mapper writes is not in the shared column list.
/// </summary>
internal enum RowColumn
{
    TimeGenerated, AwsEventId, AwsRequestId, EventName, EventSource, EventTypeName, EventVersion, AWSRegion,
    SourceIpAddress, UserAgent, ErrorCode, ErrorMessage, ReadOnly, ManagementEvent, Category, APIVersion,
    OperationName, RecipientAccountId, SharedEventId, VpcEndpointId, RequestParameters, ResponseElements,
    Resources, AdditionalEventData, ServiceEventDetails, UserIdentityType, UserIdentityPrincipalid,
    UserIdentityArn, UserIdentityAccountId, UserIdentityAccessKeyId, UserIdentityUserName, UserIdentityInvokedBy,
    SessionIssuerType, SessionIssuerPrincipalId, SessionIssuerArn, SessionIssuerAccountId, SessionIssuerUserName,
    SessionMfaAuthenticated, SessionCreationDate, TlsVersion, CipherSuite, ClientProvidedHostHeader,
}

internal static class RowColumns
{
    private static readonly JsonEncodedText[] Names = Build();

    public static JsonEncodedText Name(RowColumn column) => Names[(int)column];

    /// <summary>The contracts column a <see cref="RowColumn"/> stands for.</summary>
    public static Column Column(RowColumn column) => CloudTrailTable.Schema[ContractName(column)];

    private static string ContractName(RowColumn column) => column switch
    {
        // The only enum member whose name cannot be the column's: C# identifiers may end in '_', but we keep the
        // enum readable and map the one exception explicitly.
        RowColumn.AwsRequestId => "AwsRequestId_",
        _ => column.ToString(),
    };

    private static JsonEncodedText[] Build()
    {
        var all = Enum.GetValues<RowColumn>();
        var names = new JsonEncodedText[all.Length];
        foreach (var column in all)
        {
            var name = ContractName(column);
            if (!CloudTrailTable.Columns.Any(c => c.Name == name))
                throw new InvalidOperationException($"The mapper writes column '{name}', which CloudTrailTable.Columns does not declare.");
            names[(int)column] = JsonEncodedText.Encode(name);
        }
        return names;
    }
}
