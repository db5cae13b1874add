using SentinelAwsIac.Contracts;
using SentinelAwsIac.Verify.LogsQuery;
using Xunit;

namespace SentinelAwsIac.Verify.Tests;

/// <summary>The thin query client: per-cloud endpoint and token scope, and the result's typed cells.</summary>
public sealed class LogsQueryClientTests
{
    [Theory]
    [InlineData("public", "https://api.loganalytics.io/.default")]
    [InlineData("usgovernment", "https://api.loganalytics.us/.default")]
    [InlineData("china", "https://api.loganalytics.azure.cn/.default")]
    public void Each_cloud_has_its_endpoint_and_scope(string cloud, string scope) =>
        Assert.Equal(scope, LogsQueryEndpoints.ScopeFor(LogsQueryEndpoints.For(AzureCloud.Find(cloud)!)));

    [Fact]
    public async Task Asks_for_a_token_of_the_endpoints_audience_and_reads_the_primary_result()
    {
        await using var harness = await VerifyHarness.StartAsync();
        harness.Health.Add(VerifyHarness.HealthRow("us-east-1", "parked", "OptInRequired", DateTimeOffset.UtcNow.AddMinutes(-1)));
        var result = await harness.QueryClient().QueryWorkspaceAsync(VerifyHarness.WorkspaceId, PipeVerifier.HealthQuery(HealthTable.DefaultName), TimeSpan.FromMinutes(15));

        Assert.Equal("https://api.loganalytics.io/.default", Assert.Single(harness.Credential.RequestedScopes.Distinct()));
        var row = Assert.Single(result.Table.Rows);
        Assert.Equal("parked", result.Table.String(row, "State"));
        Assert.Equal("OptInRequired", result.Table.String(row, "LastError"));
        Assert.Throws<InvalidOperationException>(() => result.Table.Cell(row, "NoSuchColumn"));
    }
}
