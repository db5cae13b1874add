using System.Text;
using System.Text.Json;
using SentinelAwsIac.Connector.Map;
using Xunit;
using static SentinelAwsIac.Connector.Tests.Map.CloudTrailSamples;

namespace SentinelAwsIac.Connector.Tests.Map;

public sealed class CloudTrailRecordMapperTests
{
    private readonly CloudTrailRecordMapper _mapper = new();

    private JsonElement MapOk(string json, out bool truncated)
    {
        var result = _mapper.Map(Event(json));
        Assert.True(result.IsSuccess, result.FailureReason);
        truncated = result.Truncated;
        return JsonDocument.Parse(result.Row!).RootElement;
    }

    private JsonElement MapOk(string json) => MapOk(json, out _);

    private static string? Str(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) ? value.GetString() : null;

    [Fact]
    public void IamUser_call_fills_identity_core_and_tls_columns()
    {
        var row = MapOk(IamUser);

        Assert.Equal("2024-05-06T07:08:09Z", Str(row, "TimeGenerated"));
        Assert.Equal("3b6f1e6a-1111-4a5b-9c8d-0123456789ab", Str(row, "AwsEventId"));
        Assert.Equal("7a62c49f-347e-4fc4-9331-6e8eEXAMPLE", Str(row, "AwsRequestId_"));
        Assert.Equal("CreateUser", Str(row, "EventName"));
        Assert.Equal("CreateUser", Str(row, "OperationName"));
        Assert.Equal("iam.amazonaws.com", Str(row, "EventSource"));
        Assert.Equal("AwsApiCall", Str(row, "EventTypeName"));
        Assert.Equal("1.10", Str(row, "EventVersion"));
        Assert.Equal("us-east-1", Str(row, "AWSRegion"));
        Assert.Equal("198.51.100.7", Str(row, "SourceIpAddress"));
        Assert.Equal("Management", Str(row, "Category"));
        Assert.Equal("123456789012", Str(row, "RecipientAccountId"));
        Assert.Equal("IAMUser", Str(row, "UserIdentityType"));
        Assert.Equal("AIDAJ45Q7YFFAREXAMPLE", Str(row, "UserIdentityPrincipalid"));
        Assert.Equal("arn:aws:iam::123456789012:user/Alice", Str(row, "UserIdentityArn"));
        Assert.Equal("123456789012", Str(row, "UserIdentityAccountId"));
        Assert.Equal("AKIAIOSFODNN7EXAMPLE", Str(row, "UserIdentityAccessKeyId"));
        Assert.Equal("Alice", Str(row, "UserIdentityUserName"));
        Assert.Equal("TLSv1.3", Str(row, "TlsVersion"));
        Assert.Equal("TLS_AES_128_GCM_SHA256", Str(row, "CipherSuite"));
        Assert.Equal("iam.amazonaws.com", Str(row, "ClientProvidedHostHeader"));
        Assert.False(row.GetProperty("ReadOnly").GetBoolean());
        Assert.True(row.GetProperty("ManagementEvent").GetBoolean());
        Assert.False(row.TryGetProperty("ErrorCode", out _));
        Assert.False(row.TryGetProperty("SessionIssuerArn", out _));
    }

    [Fact]
    public void Json_text_columns_hold_the_raw_json_of_the_element()
    {
        var row = MapOk(IamUser);

        Assert.Equal("""{"userName":"Bob","tags":[{"key":"team","value":"sec"}]}""", Str(row, "RequestParameters"));
        var response = JsonDocument.Parse(Str(row, "ResponseElements")!).RootElement;
        Assert.Equal("Bob", response.GetProperty("user").GetProperty("userName").GetString());
    }

    [Fact]
    public void Json_text_with_nested_escaped_json_and_line_breaks_round_trips_exactly()
    {
        // IAM policies arrive as JSON strings inside requestParameters; a pretty-printed element has raw newlines/tabs.
        var raw = "{\n\t\"policyDocument\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\",\r\n \"path\": \"C:\\\\x\"\n}";
        var row = MapOk("{\"eventID\":\"id-1\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"requestParameters\":" + raw + "}");

        Assert.Equal(raw, Str(row, "RequestParameters"));
        var policy = JsonDocument.Parse(JsonDocument.Parse(Str(row, "RequestParameters")!).RootElement.GetProperty("policyDocument").GetString()!);
        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
    }

    [Fact]
    public void AssumedRole_fills_session_issuer_and_attributes_and_string_booleans_become_booleans()
    {
        var row = MapOk(AssumedRole);

        Assert.Equal("AssumedRole", Str(row, "UserIdentityType"));
        Assert.Equal("Role", Str(row, "SessionIssuerType"));
        Assert.Equal("AROAEXAMPLEID", Str(row, "SessionIssuerPrincipalId"));
        Assert.Equal("arn:aws:iam::123456789012:role/Ops", Str(row, "SessionIssuerArn"));
        Assert.Equal("123456789012", Str(row, "SessionIssuerAccountId"));
        Assert.Equal("Ops", Str(row, "SessionIssuerUserName"));
        Assert.Equal(JsonValueKind.True, row.GetProperty("SessionMfaAuthenticated").ValueKind);
        Assert.Equal("2024-05-06T06:00:00Z", Str(row, "SessionCreationDate"));
        Assert.Equal(JsonValueKind.True, row.GetProperty("ReadOnly").ValueKind); // sent as "true"
        Assert.Equal("2016-11-15", Str(row, "APIVersion"));
        Assert.Equal("vpce-0123456789abcdef0", Str(row, "VpcEndpointId"));
        Assert.Equal("""{"instancesSet":{},"filterSet":{}}""", Str(row, "RequestParameters"));
        Assert.False(row.TryGetProperty("ResponseElements", out _)); // JSON null → column left out
        Assert.False(row.TryGetProperty("UserIdentityUserName", out _));
    }

    [Fact]
    public void Session_creation_date_with_offset_is_written_in_utc_and_boolean_mfa_is_kept()
    {
        var row = MapOk(AccessDenied);

        Assert.Equal("2024-05-06T07:59:00.123Z", Str(row, "SessionCreationDate"));
        Assert.Equal(JsonValueKind.False, row.GetProperty("SessionMfaAuthenticated").ValueKind);
    }

    [Fact]
    public void Console_sign_in_keeps_response_and_additional_data_and_leaves_null_request_out()
    {
        var row = MapOk(ConsoleSignIn);

        Assert.Equal("AwsConsoleSignIn", Str(row, "EventTypeName"));
        Assert.Equal("Root", Str(row, "UserIdentityType"));
        Assert.Equal("""{"ConsoleLogin":"Success"}""", Str(row, "ResponseElements"));
        var additional = JsonDocument.Parse(Str(row, "AdditionalEventData")!).RootElement;
        Assert.Equal("Yes", additional.GetProperty("MFAUsed").GetString());
        Assert.False(row.TryGetProperty("RequestParameters", out _));
        Assert.Equal("", Str(row, "UserIdentityAccessKeyId")); // CloudTrail sends an empty string; kept as sent
    }

    [Fact]
    public void Service_event_keeps_service_event_details_invoked_by_and_shared_event_id()
    {
        var row = MapOk(ServiceEvent);

        Assert.Equal("AwsServiceEvent", Str(row, "EventTypeName"));
        Assert.Equal("cloudtrail.amazonaws.com", Str(row, "UserIdentityInvokedBy"));
        Assert.Equal("aaaabbbb-4444-4a5b-9c8d-0123456789ab", Str(row, "SharedEventId"));
        var details = JsonDocument.Parse(Str(row, "ServiceEventDetails")!).RootElement;
        Assert.Equal("completed", details.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.False, row.GetProperty("ReadOnly").ValueKind); // sent as "false"
        Assert.False(row.TryGetProperty("UserIdentityType", out _));
    }

    [Fact]
    public void Error_event_keeps_error_code_message_and_resources()
    {
        var row = MapOk(AccessDenied);

        Assert.Equal("AccessDenied", Str(row, "ErrorCode"));
        Assert.StartsWith("User: arn:aws:sts::123456789012:assumed-role/CI/ci is not authorized", Str(row, "ErrorMessage"));
        var resources = JsonDocument.Parse(Str(row, "Resources")!).RootElement;
        Assert.Equal("AWS::KMS::Key", resources[0].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.True, row.GetProperty("ReadOnly").ValueKind);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"true\"", true)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("false", false)]
    [InlineData("\"false\"", false)]
    [InlineData("\"False\"", false)]
    public void ReadOnly_and_mfa_accept_json_booleans_and_strings(string value, bool expected)
    {
        var json = "{\"eventID\":\"id-1\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"readOnly\":" + value +
                   ",\"managementEvent\":" + value +
                   ",\"userIdentity\":{\"sessionContext\":{\"attributes\":{\"mfaAuthenticated\":" + value + "}}}}";
        var row = MapOk(json);

        Assert.Equal(expected, row.GetProperty("ReadOnly").GetBoolean());
        Assert.Equal(expected, row.GetProperty("ManagementEvent").GetBoolean());
        Assert.Equal(expected, row.GetProperty("SessionMfaAuthenticated").GetBoolean());
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{}")]
    public void A_boolean_that_is_neither_true_nor_false_is_left_out(string value)
    {
        var row = MapOk($$"""{"eventID":"id-1","eventTime":"2024-01-01T00:00:00Z","readOnly":{{value}},"awsRegion":"us-east-1"}""");

        Assert.False(row.TryGetProperty("ReadOnly", out _));
        Assert.Equal("us-east-1", Str(row, "AWSRegion")); // the reader stayed in step after the skipped value
    }

    [Fact]
    public void TimeGenerated_is_the_records_eventTime_in_utc_not_the_summary_time_nor_now()
    {
        var result = _mapper.Map(Event("""{"eventID":"id-1","eventTime":"2024-03-01T12:00:00+02:00"}"""));

        var row = JsonDocument.Parse(result.Row!).RootElement;
        Assert.Equal("2024-03-01T10:00:00Z", Str(row, "TimeGenerated"));
    }

    [Fact]
    public void Escaped_strings_are_unescaped_before_being_written()
    {
        var row = MapOk("""{"eventID":"id-1","eventTime":"2024-01-01T00:00:00Z","userAgent":"say \"hi\" caf\u00e9 \\ end"}""");

        Assert.Equal("say \"hi\" café \\ end", Str(row, "UserAgent"));
    }

    [Fact]
    public void A_field_present_twice_yields_one_column_with_the_first_value()
    {
        var bytes = _mapper.Map(Event("""{"eventID":"id-1","eventTime":"2024-01-01T00:00:00Z","awsRegion":"us-east-1","awsRegion":"eu-west-1"}""")).Row!;

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "\"AWSRegion\""));
        Assert.Equal("us-east-1", Str(JsonDocument.Parse(bytes).RootElement, "AWSRegion"));
    }

    [Fact]
    public void Summary_fills_only_the_faithful_fields_the_record_lacks()
    {
        var json = """{"eventID":"id-1","eventTime":"2024-01-01T00:00:00Z","userIdentity":{"type":"AssumedRole"}}""";
        var result = _mapper.Map(Event(json, eventName: "GetObject", eventSource: "s3.amazonaws.com",
            readOnly: "true", accessKeyId: "ASIAFALLBACK", username: "session-name"));

        var row = JsonDocument.Parse(result.Row!).RootElement;
        Assert.Equal("GetObject", Str(row, "EventName"));
        Assert.Equal("GetObject", Str(row, "OperationName"));
        Assert.Equal("s3.amazonaws.com", Str(row, "EventSource"));
        Assert.True(row.GetProperty("ReadOnly").GetBoolean());
        Assert.Equal("ASIAFALLBACK", Str(row, "UserIdentityAccessKeyId"));
        Assert.False(row.TryGetProperty("UserIdentityUserName", out _)); // Username is not userIdentity.userName
        Assert.Equal("id-1", Str(row, "AwsEventId")); // the record's own ID, never the summary's
    }

    [Fact]
    public void The_records_own_values_win_over_the_summary()
    {
        var result = _mapper.Map(Event(IamUser, eventName: "Other", eventSource: "other.amazonaws.com", readOnly: "true"));

        var row = JsonDocument.Parse(result.Row!).RootElement;
        Assert.Equal("CreateUser", Str(row, "EventName"));
        Assert.Equal("iam.amazonaws.com", Str(row, "EventSource"));
        Assert.False(row.GetProperty("ReadOnly").GetBoolean());
    }

    [Theory]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("{\"eventID\":\"id-1\",", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("", "empty")]
    [InlineData("{\"eventTime\":\"2024-01-01T00:00:00Z\"}", "eventID")]
    [InlineData("{\"eventID\":\"\",\"eventTime\":\"2024-01-01T00:00:00Z\"}", "eventID")]
    [InlineData("{\"eventID\":42,\"eventTime\":\"2024-01-01T00:00:00Z\"}", "eventID")]
    [InlineData("{\"eventID\":\"id-1\"}", "eventTime is missing")]
    [InlineData("{\"eventID\":\"id-1\",\"eventTime\":\"yesterday\"}", "eventTime \"yesterday\" is not an ISO 8601")]
    [InlineData("{\"eventID\":\"id-1\",\"eventTime\":1714979289}", "eventTime 1714979289 is not an ISO 8601")]
    [InlineData("{\"eventID\":\"id-1\",\"eventTime\":\"2024-01-01T00:00:00Z\"} {}", "not valid JSON")]
    public void An_unmappable_record_fails_with_a_reason_naming_the_field(string json, string reasonPart)
    {
        var result = _mapper.Map(Event(json));

        Assert.False(result.IsSuccess);
        Assert.Null(result.Row);
        Assert.Contains(reasonPart, result.FailureReason);
    }

    [Fact]
    public void A_failed_record_does_not_leak_into_the_next_row_on_the_same_thread()
    {
        Assert.False(_mapper.Map(Event("""{"eventID":"id-1","awsRegion":"xx-leak-1"}""")).IsSuccess);

        var row = MapOk(IamUser);
        Assert.Equal("us-east-1", Str(row, "AWSRegion"));
        Assert.DoesNotContain("xx-leak-1", row.GetRawText());
    }
}
