using Microsoft.AspNetCore.Http;
using SentinelAwsIac.Emulators.Aws;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Source;

/// <summary>The emulator's verifier against the AWS SigV4 test suite's "get-vanilla" case (AWS General Reference).</summary>
public sealed class SigV4VerifierTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider { public override DateTimeOffset GetUtcNow() => now; }

    private static (AwsIdentityStore Store, EmulatedAccessKey Key) Store()
    {
        var store = new AwsIdentityStore(new FixedTime(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero)));
        var key = store.AddAccessKey("arn:aws:iam::123456789012:user/test");
        return (store, key);
    }

    private static DefaultHttpContext GetVanilla(string keyId, string signature)
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = "GET";
        ctx.Request.Path = "/";
        ctx.Request.Host = new HostString("example.amazonaws.com");
        ctx.Request.Headers["X-Amz-Date"] = "20150830T123600Z";
        ctx.Request.Headers.Authorization = $"AWS4-HMAC-SHA256 Credential={keyId}/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}";
        return ctx;
    }

    [Fact]
    public void Known_signature_of_the_test_suite_verifies()
    {
        // The suite's secret and expected signature; the store's key gets that secret through a session-free record.
        var (store, _) = Store();
        var signingKey = SigV4Verifier.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service");
        var stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63";
        var signature = SigV4Verifier.Hex(System.Security.Cryptography.HMACSHA256.HashData(signingKey, System.Text.Encoding.UTF8.GetBytes(stringToSign)));
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
        _ = store;
    }

    [Fact]
    public void Tampered_signature_is_a_mismatch_and_unknown_key_is_unknown()
    {
        var (store, key) = Store();
        var result = SigV4Verifier.Verify(GetVanilla(key.AccessKeyId, new string('0', 64)).Request, [], store, "service");
        Assert.Equal(AuthFailure.SignatureMismatch, result.Failure);
        result = SigV4Verifier.Verify(GetVanilla("AKIDEXAMPLE", new string('0', 64)).Request, [], store, "service");
        Assert.Equal(AuthFailure.UnknownKey, result.Failure);
    }

    [Fact]
    public void Correct_signature_over_the_canonical_request_verifies()
    {
        var (store, key) = Store();
        var canonical = "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        var hash = SigV4Verifier.Hex(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
        var sts = $"AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n{hash}";
        var sig = SigV4Verifier.Hex(System.Security.Cryptography.HMACSHA256.HashData(SigV4Verifier.SigningKey(key.SecretAccessKey, "20150830", "us-east-1", "service"), System.Text.Encoding.UTF8.GetBytes(sts)));
        var result = SigV4Verifier.Verify(GetVanilla(key.AccessKeyId, sig).Request, [], store, "service");
        Assert.Equal(AuthFailure.None, result.Failure);
        Assert.Equal("us-east-1", result.Caller!.Region);
        Assert.Equal("123456789012", result.Caller.AccountId);
    }
}
