using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SentinelAwsIac.Contracts;
using SentinelAwsIac.Emulators.LogAnalyticsQuery;
using Xunit;

namespace SentinelAwsIac.Verify.Tests;

/// <summary>The query emulator enforces what the service does: bearer auth for its audience, a known workspace, a JSON
/// body; it answers the service's shape; it refuses KQL it cannot run instead of guessing.</summary>
public sealed class LogAnalyticsQueryEmulatorTests : IAsyncLifetime
{
    private readonly string _workspace = Guid.NewGuid().ToString();
    private LogAnalyticsQueryEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await LogAnalyticsQueryEmulator.StartAsync();
        _emulator.AddWorkspace(_workspace);
        _http = new HttpClient(_emulator.CreateTrustingHandler()) { BaseAddress = _emulator.Endpoint };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, string? audience = LogAnalyticsQueryEmulator.DefaultAudience)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (audience is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.Tokens.Issue(audience, DateTimeOffset.UtcNow.AddMinutes(5)));
        }

        using var response = await _http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    [Fact]
    public async Task Answers_the_tables_columns_rows_shape()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        _emulator.Table(_workspace, HealthTable.DefaultName).Add(new Dictionary<string, object?> { ["TimeGenerated"] = at, ["Partition"] = "1/us-east-1", ["State"] = "running", ["LagSeconds"] = 12.5 });
        var (status, body) = await PostAsync($"/v1/workspaces/{_workspace}/query", """{"query":"AWSCloudTrailConnectorHealth_CL | where TimeGenerated > ago(15m) | project TimeGenerated, Partition, State, LagSeconds","timespan":"PT15M"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var table = Assert.Single(body.GetProperty("tables").EnumerateArray().ToList());
        Assert.Equal("PrimaryResult", table.GetProperty("name").GetString());
        Assert.Equal(["TimeGenerated:datetime", "Partition:string", "State:string", "LagSeconds:real"],
            table.GetProperty("columns").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}:{c.GetProperty("type").GetString()}"));
        var row = Assert.Single(table.GetProperty("rows").EnumerateArray().ToList()).EnumerateArray().ToList();
        Assert.Equal(at.UtcDateTime, DateTime.Parse(row[0].GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        Assert.Equal(12.5, row[3].GetDouble());
    }

    [Fact]
    public async Task Timespan_and_where_filters_apply()
    {
        var ct = _emulator.Table(_workspace, CloudTrailTable.DefaultName);
        ct.Add(new Dictionary<string, object?> { ["TimeGenerated"] = DateTimeOffset.UtcNow.AddHours(-2), ["EventName"] = "AssumeRole", ["RequestParameters"] = "sentinel-verify-aa" });
        ct.Add(new Dictionary<string, object?> { ["TimeGenerated"] = DateTimeOffset.UtcNow.AddMinutes(-2), ["EventName"] = "AssumeRole", ["RequestParameters"] = "{\"roleSessionName\":\"sentinel-verify-aa\"}" });
        ct.Add(new Dictionary<string, object?> { ["TimeGenerated"] = DateTimeOffset.UtcNow.AddMinutes(-2), ["EventName"] = "AssumeRole", ["RequestParameters"] = "{\"roleSessionName\":\"sentinel-verify-aab\"}" });
        var (status, body) = await PostAsync($"/v1/workspaces/{_workspace}/query", """{"query":"AWSCloudTrail_CL | where EventName == \"AssumeRole\" | where RequestParameters has \"aa\" | project TimeGenerated","timespan":"PT1H"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(body.GetProperty("tables")[0].GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task No_token_or_another_audience_is_401()
    {
        var (none, noneBody) = await PostAsync($"/v1/workspaces/{_workspace}/query", """{"query":"AWSCloudTrail_CL"}""", audience: null);
        var (other, _) = await PostAsync($"/v1/workspaces/{_workspace}/query", """{"query":"AWSCloudTrail_CL"}""", audience: "https://monitor.azure.com");

        Assert.Equal(HttpStatusCode.Unauthorized, none);
        Assert.Equal(HttpStatusCode.Unauthorized, other);
        Assert.True(noneBody.GetProperty("error").TryGetProperty("code", out _));
        Assert.Empty(_emulator.Queries);
    }

    [Fact]
    public async Task An_unknown_workspace_is_404_and_unsupported_kql_is_400()
    {
        var (missing, _) = await PostAsync($"/v1/workspaces/{Guid.NewGuid()}/query", """{"query":"AWSCloudTrail_CL"}""");
        var (unsupported, body) = await PostAsync($"/v1/workspaces/{_workspace}/query", """{"query":"AWSCloudTrail_CL | summarize count()"}""");
        var (misspelled, _) = await PostAsync($"/v1/workspaces/{_workspace}/query", """{"query":"AWSCloudTrail_CL | where EventNam == \"x\""}""");

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported);
        Assert.Contains("summarize", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, misspelled);
    }
}
