using System.Text.Json;
using Azure;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>The error a Logs Ingestion call answered with. Azure Monitor errors have the shape
/// <c>{"error":{"code":"…","message":"…"}}</c> (docs/facts.md "Logs Ingestion: answers and what they mean").</summary>
public sealed record IngestionError(int Status, string? Code, string? Message)
{
    public static IngestionError From(Response response)
    {
        string? code = null, message = null;
        try
        {
            if (response.Content is { } content && content.ToMemory().Length > 0)
            {
                using var doc = JsonDocument.Parse(content.ToMemory());
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.Object)
                {
                    if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString();
                    if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape (e.g. a proxy's HTML page): keep the status and reason phrase only.
        }
        return new IngestionError(response.Status, code, message ?? NullIfEmpty(response.ReasonPhrase));
    }

    /// <summary>What an operator can do about this status (a sentence with a leading space, or ""), from the one table
    /// of answers (<see cref="IngestionOutcomes.FixHint"/>).</summary>
    public string Fix => IngestionOutcomes.FixHint(Status);

    /// <summary>"InvalidContent: message" — the text a dead-letter entry and a log line carry.</summary>
    public override string ToString() =>
        (Code, Message) switch
        {
            (null, null) => $"HTTP {Status}",
            (null, _) => $"HTTP {Status}: {Message}",
            (_, null) => $"HTTP {Status} {Code}",
            _ => $"HTTP {Status} {Code}: {Message}",
        };

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
