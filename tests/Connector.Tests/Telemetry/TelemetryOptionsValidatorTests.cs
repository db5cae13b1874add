using SentinelAwsIac.Connector.Telemetry;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Telemetry;

public sealed class TelemetryOptionsValidatorTests
{
    private static IEnumerable<string> Errors(string? connectionString) =>
        new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { ConnectionString = connectionString }).Failures ?? [];

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-0000000000aa;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/")]
    public void Empty_or_a_whole_connection_string_is_valid(string? value) => Assert.Empty(Errors(value));

    [Theory]
    [InlineData("IngestionEndpoint=https://x.example/", "InstrumentationKey")]
    [InlineData("InstrumentationKey=not-a-guid;IngestionEndpoint=https://x.example/", "InstrumentationKey")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-0000000000aa", "IngestionEndpoint")]
    [InlineData("InstrumentationKey=00000000-0000-0000-0000-0000000000aa;IngestionEndpoint=http://x.example/", "IngestionEndpoint")]
    public void A_partial_connection_string_names_the_setting_and_the_missing_part(string value, string part)
    {
        var error = Assert.Single(Errors(value));
        Assert.Contains(WorkerSettings.TelemetryConnectionString, error, StringComparison.Ordinal);
        Assert.Contains(part, error, StringComparison.Ordinal);
        Assert.Contains("leave the setting empty", error, StringComparison.Ordinal);
    }
}
