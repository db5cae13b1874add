using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.Aws;

namespace SentinelAwsIac.Emulators.CloudTrail;

/// <summary>
/// CloudTrail LookupEvents on 127.0.0.1, AWS JSON 1.1 (botocore cloudtrail/2013-11-01/service-2.json). Enforces:
/// a real SigV4 signature against the identity store (session credentials from the STS emulator), the quota of
/// <see cref="RequestsPerSecond"/> per account and region (ThrottlingException, HTTP 400), MaxResults 1–50,
/// newest first, NextToken bound to its parameters, time-range checks and 90 days of history. The region is
/// the signature's scope region; the account is the caller's. Events can be added at any time, also late ones.
/// </summary>
public sealed class CloudTrailEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Account, string Region), EventPartition> _partitions = new();
    private readonly ConcurrentDictionary<(string Account, string Region), byte> _disabled = new();
    private readonly ConcurrentDictionary<(string Account, string Region), ConcurrentQueue<(int Status, string Type, string Message)>> _faults = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private readonly byte[] _tokenKey = RandomNumberGenerator.GetBytes(32);
    private long _requests, _throttles, _eventsReturned;

    private CloudTrailEmulator(WebApplication app, Uri baseAddress, AwsIdentityStore identities)
    {
        _app = app;
        BaseAddress = baseAddress;
        Identities = identities;
    }

    public Uri BaseAddress { get; }
    public AwsIdentityStore Identities { get; }
    private TimeProvider Time => Identities.Time;

    /// <summary>Quota per account and region (CloudTrail quotas: 2 per second).</summary>
    public double RequestsPerSecond { get; set; } = CloudTrailLimits.RequestsPerSecond;

    public long Requests => Interlocked.Read(ref _requests);
    public long Throttles => Interlocked.Read(ref _throttles);
    public long EventsReturned => Interlocked.Read(ref _eventsReturned);
    /// <summary>Error answers by __type (throttling included).</summary>
    public IReadOnlyDictionary<string, long> Errors => _errors;

    public static async Task<CloudTrailEmulator> StartAsync(AwsIdentityStore identities, CancellationToken cancellationToken = default)
    {
        CloudTrailEmulator? emulator = null;
        var (app, address) = await LoopbackHost.StartAsync(ctx => emulator!.HandleAsync(ctx), cancellationToken).ConfigureAwait(false);
        emulator = new CloudTrailEmulator(app, address, identities);
        return emulator;
    }

    public void AddEvents(string accountId, string region, IEnumerable<EmulatedEvent> events) => Partition(accountId, region).Add(events);

    /// <summary>Adds <paramref name="count"/> generated events spread evenly over [from, to).</summary>
    public IReadOnlyList<EmulatedEvent> Seed(CloudTrailRecordGenerator generator, string accountId, string region, int count,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset? visibleAt = null)
    {
        var step = (to - from) / Math.Max(count, 1);
        var events = Enumerable.Range(0, count).Select(i => generator.Create(accountId, region, from + step * i, visibleAt)).ToList();
        AddEvents(accountId, region, events);
        return events;
    }

    /// <summary>
    /// Feeds <paramref name="eventsPerSecond"/> events with eventTime = now into a partition until cancelled
    /// (benchmark load); <paramref name="delay"/> makes each one visible only that much later.
    /// Returns the number of events added when it stops.
    /// </summary>
    public async Task<long> FeedAsync(CloudTrailRecordGenerator generator, string accountId, string region, double eventsPerSecond,
        CancellationToken cancellationToken, TimeSpan delay = default)
    {
        long added = 0;
        var started = Time.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = Time.GetUtcNow();
                var due = (long)((now - started).TotalSeconds * eventsPerSecond) - added;
                if (due <= 0) continue;
                var batch = new List<EmulatedEvent>((int)due);
                for (var i = 0; i < due; i++) batch.Add(generator.Create(accountId, region, now, delay > TimeSpan.Zero ? now + delay : null));
                AddEvents(accountId, region, batch);
                added += due;
            }
        }
        catch (OperationCanceledException) { }
        return added;
    }

    public int Count(string accountId, string region) => Partition(accountId, region).Count;

    /// <summary>Answers as AWS does for a region not enabled in the account: UnrecognizedClientException, "The security token included in the request is invalid".</summary>
    public void DisableRegion(string accountId, string region) => _disabled[(accountId, region)] = 0;
    public void EnableRegion(string accountId, string region) => _disabled.TryRemove((accountId, region), out _);

    /// <summary>The next <paramref name="count"/> requests of the partition fail with this answer (e.g. 500 InternalFailure).</summary>
    public void InjectFaults(string accountId, string region, int count, int status, string errorType, string message)
    {
        var queue = _faults.GetOrAdd((accountId, region), _ => new());
        for (var i = 0; i < count; i++) queue.Enqueue((status, errorType, message));
    }

    public long RequestsOf(string accountId, string region) => Partition(accountId, region).Requests;
    public long ThrottlesOf(string accountId, string region) => Partition(accountId, region).Throttles;

    private EventPartition Partition(string account, string region) => _partitions.GetOrAdd((account, region), _ => new EventPartition());

    private async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _requests);
        var body = await LoopbackHost.ReadBodyAsync(ctx.Request, ctx.RequestAborted).ConfigureAwait(false);
        if (!HttpMethods.IsPost(ctx.Request.Method) || ctx.Request.Path != "/")
        {
            await ErrorAsync(ctx, 404, "UnknownOperationException", "Only POST / is served.").ConfigureAwait(false);
            return;
        }
        var (failure, authMessage, caller) = SigV4Verifier.Verify(ctx.Request, body, Identities, "cloudtrail");
        if (failure != AuthFailure.None)
        {
            var (status, type) = failure switch
            {
                AuthFailure.MissingAuthentication => (400, "MissingAuthenticationTokenException"),
                AuthFailure.UnknownKey => (400, "UnrecognizedClientException"),
                AuthFailure.ExpiredToken => (400, "ExpiredTokenException"),
                AuthFailure.IncompleteSignature => (400, "IncompleteSignatureException"),
                _ => (403, "InvalidSignatureException"),
            };
            await ErrorAsync(ctx, status, type, authMessage).ConfigureAwait(false);
            return;
        }
        if (!IsLookupEventsTarget(ctx.Request.Headers["X-Amz-Target"].ToString()))
        {
            await ErrorAsync(ctx, 400, "UnknownOperationException", "Only LookupEvents is emulated.").ConfigureAwait(false);
            return;
        }
        if (!ctx.Request.ContentType?.StartsWith("application/x-amz-json-1.1", StringComparison.Ordinal) ?? true)
        {
            await ErrorAsync(ctx, 400, "SerializationException", "Content-Type must be application/x-amz-json-1.1.").ConfigureAwait(false);
            return;
        }
        var key = (caller!.AccountId, caller.Region);
        if (_disabled.ContainsKey(key))
        {
            await ErrorAsync(ctx, 400, "UnrecognizedClientException", "The security token included in the request is invalid.").ConfigureAwait(false);
            return;
        }
        var partition = Partition(key.AccountId, key.Region);
        Interlocked.Increment(ref partition.RequestsField);
        if (!partition.TryTake(Time.GetUtcNow(), RequestsPerSecond))
        {
            Interlocked.Increment(ref _throttles);
            Interlocked.Increment(ref partition.ThrottlesField);
            await ErrorAsync(ctx, 400, CloudTrailLimits.ThrottlingErrorType, "Rate exceeded").ConfigureAwait(false);
            return;
        }
        if (_faults.TryGetValue(key, out var faults) && faults.TryDequeue(out var fault))
        {
            await ErrorAsync(ctx, fault.Status, fault.Type, fault.Message).ConfigureAwait(false);
            return;
        }
        LookupQuery query;
        try
        {
            query = LookupQuery.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            await ErrorAsync(ctx, 400, "SerializationException", ex.Message).ConfigureAwait(false);
            return;
        }
        if (query.Validate() is { } invalid)
        {
            await ErrorAsync(ctx, 400, invalid.Type, invalid.Message).ConfigureAwait(false);
            return;
        }
        (DateTimeOffset Time, string Id)? cursor = null;
        if (query.NextToken is not null)
        {
            cursor = ReadToken(query.NextToken, query.ParameterHash());
            if (cursor is null)
            {
                await ErrorAsync(ctx, 400, "InvalidNextTokenException", "Invalid NextToken: it was issued for other parameters or is malformed.").ConfigureAwait(false);
                return;
            }
        }
        var now = Time.GetUtcNow();
        var historyStart = now.AddDays(-CloudTrailLimits.HistoryDays);
        var start = query.StartTime is { } s && s > historyStart ? s : historyStart;
        var end = query.EndTime ?? now;
        var (page, more) = partition.Query(start, end, now, cursor, query.MaxResults, query.Matches);
        Interlocked.Add(ref _eventsReturned, page.Count);
        await WritePageAsync(ctx, page, more && page.Count > 0 ? WriteToken(page[^1], query.ParameterHash()) : null).ConfigureAwait(false);
    }

    private static async Task WritePageAsync(HttpContext ctx, List<EmulatedEvent> page, string? nextToken)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/x-amz-json-1.1";
        ctx.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        using var buffer = new MemoryStream(page.Count * 3000 + 64);
        LookupEventsPage.Write(buffer, page, nextToken);
        await ctx.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }

    private async Task ErrorAsync(HttpContext ctx, int status, string type, string message)
    {
        _errors.AddOrUpdate(type, 1, (_, n) => n + 1);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/x-amz-json-1.1";
        ctx.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        // "Message", as CloudTrail's model names the member of its exceptions (docs/facts.md, "Wire details").
        await ctx.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["Message"] = message })).ConfigureAwait(false);
    }

    /// <summary>
    /// The service takes the target with the botocore targetPrefix (com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101,
    /// as AWSSDK.Core and our client send it) and without the namespace (CloudTrail_20131101, as the AWS SDK for
    /// JavaScript v3 sends it: @aws-sdk/core AwsJsonRpcProtocol, x-amz-target = serviceTarget + "." + operation).
    /// </summary>
    internal static bool IsLookupEventsTarget(string target) =>
        target is "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents" or "CloudTrail_20131101.LookupEvents";

    // NextToken: cursor (time, id) + the hash of the parameters it belongs to, MACed so it cannot be forged.
    private string WriteToken(EmulatedEvent last, string parameterHash)
    {
        var text = $"{parameterHash}|{last.EventTime.ToUnixTimeSeconds()}|{last.EventId}";
        var mac = Convert.ToHexString(HMACSHA256.HashData(_tokenKey, Encoding.UTF8.GetBytes(text)));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text + "|" + mac));
    }

    private (DateTimeOffset, string)? ReadToken(string token, string parameterHash)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length != 4) return null;
            var text = $"{parts[0]}|{parts[1]}|{parts[2]}";
            if (parts[3] != Convert.ToHexString(HMACSHA256.HashData(_tokenKey, Encoding.UTF8.GetBytes(text)))) return null;
            if (parts[0] != parameterHash) return null;
            return (DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[1], CultureInfo.InvariantCulture)), parts[2]);
        }
        catch (FormatException) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
