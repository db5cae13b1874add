using System.Net;
using System.Text;
using SentinelAwsIac.Connector.Source;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source;

/// <summary>
/// AWS JSON error bodies read as the AWS SDK for JavaScript v3 reads them (docs/facts.md, "Wire details"): CloudTrail's
/// model names the member <c>Message</c>, other services answer <c>message</c>; the type comes in several forms.
/// </summary>
public sealed class LookupEventsErrorTests
{
    private static CloudTrailServiceException Read(string body, HttpStatusCode status = HttpStatusCode.BadRequest, string? errorTypeHeader = null)
    {
        using var response = new HttpResponseMessage(status);
        if (errorTypeHeader is not null) response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorTypeHeader);
        return LookupEventsJson.ReadError(Encoding.UTF8.GetBytes(body), status, "req-1", "eu-west-1", response.Headers);
    }

    [Theory]
    [InlineData("""{"__type":"InvalidTimeRangeException","Message":"Start is after end."}""")]
    [InlineData("""{"__type":"InvalidTimeRangeException","message":"Start is after end."}""")]
    [InlineData("""{"__type":"InvalidTimeRangeException","MESSAGE":"Start is after end."}""")]
    public void Message_is_read_in_any_letter_case(string body)
    {
        var e = Read(body);

        Assert.Equal("InvalidTimeRangeException", e.ErrorType);
        Assert.Equal("Start is after end.", e.ServiceMessage);
        Assert.Contains("Start is after end.", e.Message);
    }

    [Theory]
    [InlineData("ThrottlingException")]
    [InlineData("com.amazonaws.cloudtrail.v20131101#ThrottlingException")]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/")]
    [InlineData("aws.protocoltests#ThrottlingException:http://internal.amazon.com/#fragment")]
    [InlineData("ThrottlingException,Sender")]
    public void Type_forms_of_the_AWS_JSON_protocol_reduce_to_the_shape_name(string type)
    {
        var e = Read($$"""{"__type":"{{type}}","message":"Rate exceeded"}""");

        Assert.Equal("ThrottlingException", e.ErrorType);
        Assert.True(e.IsThrottling);
    }

    [Fact]
    public void Without_type_a_code_member_in_any_case_names_the_error_before_the_header()
    {
        var e = Read("""{"Code":"InvalidNextTokenException","Message":"bad token"}""", errorTypeHeader: "SomethingElse");

        Assert.Equal("InvalidNextTokenException", e.ErrorType);
        Assert.Equal("bad token", e.ServiceMessage);
    }

    [Fact]
    public void Without_type_or_code_the_header_names_the_error()
    {
        var e = Read("""{"Message":"Rate exceeded"}""", errorTypeHeader: "ThrottlingException:http://internal.amazon.com/");

        Assert.True(e.IsThrottling);
        Assert.Equal("Rate exceeded", e.ServiceMessage);
    }

    [Fact]
    public void A_body_that_is_not_JSON_becomes_the_message()
    {
        var e = Read("<html>Bad Gateway</html>", HttpStatusCode.BadGateway);

        Assert.Equal("Http502", e.ErrorType);
        Assert.Equal("<html>Bad Gateway</html>", e.ServiceMessage);
        Assert.True(e.IsTransient);
    }
}
