using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using SentinelAwsIac.Connector.Source;
using SentinelAwsIac.Emulators.CloudTrail;

namespace SentinelAwsIac.Benchmarks;

/// <summary>
/// CPU of the source's per-page work without the network, to account for the connector's CPU per event: parsing a
/// LookupEvents page of 50 events (<see cref="LookupEventsJson.ReadResponse"/>, the body written as the emulator and
/// AWS write it) and signing one request with SigV4 (AWSSDK.Core's <see cref="AWSSigV4Signer"/>, as LookupEventsClient).
/// </summary>
public static class SourceCostProbe
{
    public sealed record Result(double ParseMicrosecondsPerEvent, double SignMicrosecondsPerRequest, double PageBytes);

    public static async Task<Result> MeasureAsync(int pages, int seed)
    {
        var generator = new CloudTrailRecordGenerator(seed);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var page = Page(Enumerable.Range(0, 50).Select(i => generator.Create("111122220000", "us-east-1", start.AddSeconds(i))).ToList());
        for (var i = 0; i < 200; i++) LookupEventsJson.ReadResponse(page);
        var parse = Cpu(() => { for (var i = 0; i < pages; i++) LookupEventsJson.ReadResponse(page); });

        var body = LookupEventsJson.WriteRequest(new LookupEventsRequest { StartTime = start, EndTime = start.AddHours(1), MaxResults = 50 });
        var credentials = new SessionAWSCredentials("ASIAEXAMPLEEXAMPLE12", "secret/example/key/for/signing/only00000", new string('t', 400));
        var endpoint = new Uri("http://127.0.0.1:1/");
        async Task SignAsync()
        {
            var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = endpoint, Content = body };
            signing.Headers["X-Amz-Target"] = CloudTrailEndpoints.LookupEventsTarget;
            signing.Headers["Content-Type"] = CloudTrailEndpoints.JsonContentType;
            await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
            {
                Credentials = credentials, Region = RegionEndpoint.USEast1, Service = CloudTrailEndpoints.SigningName, SignPayload = true,
                SignedAt = DateTime.UtcNow,
            }, CancellationToken.None).ConfigureAwait(false);
        }
        for (var i = 0; i < 200; i++) await SignAsync().ConfigureAwait(false);
        var signs = pages * 2;
        var before = ProcessCpu.Seconds();
        for (var i = 0; i < signs; i++) await SignAsync().ConfigureAwait(false);
        var sign = ProcessCpu.Seconds() - before;
        return new Result(parse * 1e6 / (pages * 50.0), sign * 1e6 / signs, page.Length);
    }

    private static double Cpu(Action work)
    {
        GC.Collect();
        var before = ProcessCpu.Seconds();
        work();
        return ProcessCpu.Seconds() - before;
    }

    /// <summary>A LookupEvents response body as the emulator writes it.</summary>
    private static byte[] Page(List<EmulatedEvent> events)
    {
        using var buffer = new MemoryStream();
        LookupEventsPage.Write(buffer, events, "token");
        return buffer.ToArray();
    }
}
