using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.Tls;

namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>
/// The Azure Monitor Logs Ingestion API on https://127.0.0.1:&lt;port&gt; (Kestrel, certificate generated at start). It
/// enforces what the service enforces (docs/facts.md, "Wire details"): a bearer token for the configured
/// audience (else 401), api-version 2023-01-01, known rule and stream (else 404), bodies of at most 1 000 000 bytes
/// compressed and uncompressed (<see cref="IngestionLimits.MaxBodyBytes"/>; else 413 ContentLengthLimitExceeded), gzip, a JSON array of objects matching the stream's columns
/// (else 400 InvalidContent), the per-rule request and byte rates (else 429 with Retry-After). It answers 204 and keeps
/// what it accepted. Faults can be injected for the next requests.
/// Error codes other than ContentLengthLimitExceeded and InvalidContent are the emulator's own names.
/// </summary>
public sealed class LogsIngestionEmulator : IAsyncDisposable
{
    private readonly LogsIngestionEmulatorOptions _options;
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<InjectedFault> _faults = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonElement>> _rows = new();
    private readonly ConcurrentDictionary<string, long> _rowCounts = new();
    private readonly ConcurrentDictionary<string, RateWindow> _rates = new();
    private readonly ConcurrentDictionary<IReadOnlyList<Column>, Dictionary<string, Column>> _columnsByName = new();

    private LogsIngestionEmulator(LogsIngestionEmulatorOptions options, X509Certificate2 certificate)
    {
        _options = options;
        Certificate = certificate;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public static async Task<LogsIngestionEmulator> StartAsync(LogsIngestionEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new LogsIngestionEmulator(options ?? new LogsIngestionEmulatorOptions(), LoopbackCertificate.Create("Logs Ingestion emulator"));
        await emulator._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = emulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return emulator;
    }

    /// <summary>The logs ingestion endpoint, https://127.0.0.1:&lt;port&gt;.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public X509Certificate2 Certificate { get; }

    /// <summary>Issues the tokens this emulator accepts; wrap it in a TokenCredential for clients.</summary>
    public EmulatorTokenIssuer Tokens { get; } = new();

    public LogsIngestionEmulatorOptions Options => _options;

    public LogsIngestionEmulatorCounters Counters { get; } = new();

    /// <summary>A handler that trusts this emulator's certificate (for HttpClientTransport).</summary>
    public HttpMessageHandler CreateTrustingHandler() => LoopbackCertificate.CreateTrustingHandler(Certificate);

    /// <summary>The next <paramref name="count"/> authenticated requests get <paramref name="fault"/> instead of being processed.</summary>
    public void InjectFaults(int count, InjectedFault fault)
    {
        for (var i = 0; i < count; i++) _faults.Enqueue(fault);
    }

    public int PendingFaults => _faults.Count;

    /// <summary>Drops the faults not given yet.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>Rows accepted (answered 204) for a stream of the default rule, in arrival order per request.</summary>
    public IReadOnlyList<JsonElement> AcceptedRows(string stream, string ruleId = LogsIngestionEmulatorOptions.DefaultRuleId) =>
        _rows.TryGetValue(Key(ruleId, stream), out var rows) ? [.. rows] : [];

    public long AcceptedRowCount(string stream, string ruleId = LogsIngestionEmulatorOptions.DefaultRuleId) =>
        _rowCounts.TryGetValue(Key(ruleId, stream), out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }

    private static string Key(string ruleId, string stream) => ruleId + "/" + stream;

    private async Task HandleAsync(HttpContext context)
    {
        Counters.Request();
        var status = await ProcessAsync(context).ConfigureAwait(false);
        Counters.Answered(status);
    }

    private async Task<int> ProcessAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is not ["dataCollectionRules", var ruleId, "streams", var stream] || !HttpMethods.IsPost(request.Method))
            return await ErrorAsync(context, 404, "NotFound", $"No such operation: {request.Method} {request.Path}.");

        // Authentication first, like the service: without a valid token nothing else is looked at.
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return await ErrorAsync(context, 401, "InvalidAuthenticationToken", "The request has no bearer token.");
        var audience = Tokens.Validate(authorization["Bearer ".Length..].Trim(), DateTimeOffset.UtcNow, out var reason);
        if (audience is null)
            return await ErrorAsync(context, 401, "InvalidAuthenticationToken", $"The bearer token is not valid: {reason}.");
        if (!string.Equals(audience.TrimEnd('/'), _options.Audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            return await ErrorAsync(context, 401, "InvalidAuthenticationToken", $"The token audience '{audience}' is not '{_options.Audience}'.");

        if (request.Query["api-version"] != IngestionLimits.ApiVersion)
            return await ErrorAsync(context, 400, "InvalidApiVersion", $"api-version must be {IngestionLimits.ApiVersion}; got '{request.Query["api-version"]}'.");
        if (!_options.Rules.TryGetValue(ruleId, out var streams))
            return await ErrorAsync(context, 404, "NotFound", $"Data collection rule '{ruleId}' does not exist.");
        if (!streams.TryGetValue(stream, out var columns))
            return await ErrorAsync(context, 404, "InvalidStream", $"Stream '{stream}' is not declared in data collection rule '{ruleId}'.");

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfter is { } seconds) context.Response.Headers.RetryAfter = Math.Ceiling(seconds.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (fault.RetryAfterDate is { } date) context.Response.Headers.RetryAfter = date.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
            return await ErrorAsync(context, fault.Status, fault.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", $"Injected fault {fault.Status}.");
        }

        // Compressed (wire) size first.
        var wire = await ReadLimitedAsync(request.Body, _options.MaxBodyBytes, context.RequestAborted);
        if (wire is null || request.ContentLength > _options.MaxBodyBytes)
            return await TooLargeAsync(context, "request body");
        Counters.Bytes(wire.Length);

        var json = wire;
        var encoding = request.Headers.ContentEncoding.ToString();
        if (string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(wire), CompressionMode.Decompress);
                json = await ReadLimitedAsync(gzip, _options.MaxBodyBytes, context.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                return await ErrorAsync(context, 400, "InvalidContent", $"The body is not valid gzip: {e.Message}");
            }
            if (json is null) return await TooLargeAsync(context, "uncompressed request body");
        }
        else if (encoding.Length > 0)
        {
            return await ErrorAsync(context, 400, "InvalidContent", $"Content-Encoding '{encoding}' is not supported; use gzip or none.");
        }

        if (!RateAllows(ruleId, json.Length, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await ErrorAsync(context, 429, "TooManyRequests", $"Rate limit of data collection rule '{ruleId}' exceeded.");
        }

        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { return await ErrorAsync(context, 400, "InvalidContent", $"The body is not valid JSON: {e.Message}"); }
        using (doc)
        {
            var byName = _columnsByName.GetOrAdd(columns, list => list.ToDictionary(c => c.Name, StringComparer.Ordinal));
            if (RowValidator.Validate(doc.RootElement, stream, byName) is { } invalid)
                return await ErrorAsync(context, 400, "InvalidContent", invalid);
            var key = Key(ruleId, stream);
            var count = doc.RootElement.GetArrayLength();
            if (_options.KeepRows)
            {
                var store = _rows.GetOrAdd(key, _ => new ConcurrentQueue<JsonElement>());
                foreach (var row in doc.RootElement.EnumerateArray()) store.Enqueue(row.Clone());
            }
            _rowCounts.AddOrUpdate(key, count, (_, n) => n + count);
            Counters.Rows(count);
        }
        context.Response.StatusCode = 204;
        return 204;
    }

    private Task<int> TooLargeAsync(HttpContext context, string what) =>
        ErrorAsync(context, 413, "ContentLengthLimitExceeded", $"The {what} exceeds the limit of {_options.MaxBodyBytes} bytes.");

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when there is more.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                // Drain so the connection stays usable, then refuse.
                while (await stream.ReadAsync(chunk, cancellationToken) > 0) { }
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private bool RateAllows(string ruleId, long bytes, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_options.RequestsPerMinutePerRule is null && _options.BytesPerMinutePerRule is null) return true;
        return _rates.GetOrAdd(ruleId, _ => new RateWindow()).TryTake(DateTimeOffset.UtcNow, bytes,
            _options.RequestsPerMinutePerRule ?? int.MaxValue, _options.BytesPerMinutePerRule ?? long.MaxValue, out retryAfter);
    }

    private static async Task<int> ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }), context.RequestAborted);
        return status;
    }

    /// <summary>Requests and bytes of the last minute for one rule.</summary>
    private sealed class RateWindow
    {
        private readonly Queue<(DateTimeOffset At, long Bytes)> _recent = new();
        private long _bytes;

        public bool TryTake(DateTimeOffset now, long bytes, int maxRequests, long maxBytes, out TimeSpan retryAfter)
        {
            lock (_recent)
            {
                while (_recent.Count > 0 && now - _recent.Peek().At >= TimeSpan.FromMinutes(1))
                    _bytes -= _recent.Dequeue().Bytes;
                if (_recent.Count + 1 > maxRequests || _bytes + bytes > maxBytes)
                {
                    retryAfter = _recent.Count > 0 ? _recent.Peek().At + TimeSpan.FromMinutes(1) - now : TimeSpan.FromSeconds(1);
                    return false;
                }
                _recent.Enqueue((now, bytes));
                _bytes += bytes;
                retryAfter = TimeSpan.Zero;
                return true;
            }
        }
    }
}
