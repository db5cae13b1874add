using System.Collections.Concurrent;
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
using SentinelAwsIac.Emulators.LogsIngestion;
using SentinelAwsIac.Emulators.Tls;

namespace SentinelAwsIac.Emulators.LogAnalyticsQuery;

/// <summary>
/// The Log Analytics query API on https://127.0.0.1:&lt;port&gt;: <c>POST /v1/workspaces/{workspaceId}/query</c> with a
/// JSON body <c>{"query", "timespan"}</c> and <c>Content-Type: application/json</c> (Microsoft Learn, "Azure Monitor Log
/// Analytics API request format"). It enforces a bearer token for its audience (default https://api.loganalytics.io, the
/// official LogsQueryClient's; else 401), a known workspace (else 404), the body's shape (else 400), and answers
/// <c>{"tables":[{"name":"PrimaryResult","columns":[{"name","type"}],"rows":[[…]]}]}</c> (REST API "Query - Execute",
/// sample response). Queries run on <see cref="KqlSubset"/>; the rest is refused with 400.
/// Error bodies are <c>{"error":{"code","message"}}</c>; the codes other than the KQL ones are the emulator's own names.
/// </summary>
public sealed class LogAnalyticsQueryEmulator : IAsyncDisposable
{
    public const string DefaultAudience = "https://api.loganalytics.io";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, QueryTable>> _workspaces = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _queries = new();

    private LogAnalyticsQueryEmulator(X509Certificate2 certificate, string audience, TimeProvider time)
    {
        Certificate = certificate;
        Audience = audience;
        Time = time;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public static async Task<LogAnalyticsQueryEmulator> StartAsync(string audience = DefaultAudience, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var emulator = new LogAnalyticsQueryEmulator(LoopbackCertificate.Create("Log Analytics query emulator"), audience, time ?? TimeProvider.System);
        await emulator._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = emulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return emulator;
    }

    public Uri Endpoint { get; private set; } = null!;
    public X509Certificate2 Certificate { get; }
    public string Audience { get; }
    public TimeProvider Time { get; }

    /// <summary>Issues the tokens this emulator accepts; wrap it in an <see cref="EmulatorTokenCredential"/> for clients.</summary>
    public EmulatorTokenIssuer Tokens { get; } = new();

    /// <summary>Every query text received with a valid token, in order.</summary>
    public IReadOnlyList<string> Queries => [.. _queries];

    public HttpMessageHandler CreateTrustingHandler() => LoopbackCertificate.CreateTrustingHandler(Certificate);

    /// <summary>Creates a workspace holding the worker's two tables under their default names.</summary>
    public void AddWorkspace(string workspaceId)
    {
        var tables = _workspaces.GetOrAdd(workspaceId, _ => new ConcurrentDictionary<string, QueryTable>(StringComparer.Ordinal));
        tables.TryAdd(CloudTrailTable.DefaultName, new QueryTable(CloudTrailTable.DefaultName, CloudTrailTable.Columns));
        tables.TryAdd(HealthTable.DefaultName, new QueryTable(HealthTable.DefaultName, HealthTable.Columns));
    }

    public QueryTable Table(string workspaceId, string table) => _workspaces[workspaceId][table];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is not ["v1", "workspaces", var workspaceId, "query"] || !HttpMethods.IsPost(request.Method))
        {
            await ErrorAsync(context, 404, "PathNotFoundError", $"No such operation: {request.Method} {request.Path}.");
            return;
        }

        // Authentication first: without a valid token for this audience nothing else is looked at.
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 401, "AuthorizationRequiredError", "The request has no bearer token.");
            return;
        }

        var audience = Tokens.Validate(authorization["Bearer ".Length..].Trim(), Time.GetUtcNow(), out var reason);
        if (audience is null || !string.Equals(audience.TrimEnd('/'), Audience.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            await ErrorAsync(context, 401, "InvalidTokenError", audience is null ? $"The bearer token is not valid: {reason}." : $"The token audience '{audience}' is not '{Audience}'.");
            return;
        }

        if (!_workspaces.TryGetValue(workspaceId, out var tables))
        {
            await ErrorAsync(context, 404, "WorkspaceNotFoundError", $"Workspace '{workspaceId}' does not exist or the caller may not read it.");
            return;
        }

        if (!request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            await ErrorAsync(context, 400, "BadArgumentError", "The body must be JSON with Content-Type: application/json.");
            return;
        }

        string query;
        TimeSpan? timespan = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
            query = body.RootElement.GetProperty("query").GetString() ?? throw new KeyNotFoundException();
            if (body.RootElement.TryGetProperty("timespan", out var span) && span.GetString() is { } spanText)
            {
                timespan = KqlSubset.ParseTimespan(spanText);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await ErrorAsync(context, 400, "BadArgumentError", $"The body is not {{\"query\": \"…\", \"timespan\": \"<ISO 8601 duration>\"}}: {e.Message}");
            return;
        }

        _queries.Enqueue(query);
        KqlSubset.Result result;
        try
        {
            result = KqlSubset.Run(query, tables, Time.GetUtcNow(), timespan);
        }
        catch (KqlSubset.QueryException e)
        {
            await ErrorAsync(context, 400, e.Code, e.Message);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("tables");
        writer.WriteStartObject();
        writer.WriteString("name", "PrimaryResult");
        writer.WriteStartArray("columns");
        foreach (var (name, type) in result.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("type", type);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            writer.WriteStartArray();
            foreach (var cell in row)
            {
                WriteCell(writer, cell);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, object? cell)
    {
        switch (cell)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            // Datetimes are ISO 8601 strings in UTC, as the service sends them.
            case DateTimeOffset d: writer.WriteStringValue(d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture)); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double r: writer.WriteNumberValue(r); break;
            default: writer.WriteStringValue(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code, message } }));
    }
}
