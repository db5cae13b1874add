using Xunit;

namespace SentinelAwsIac.Connector.Tests.Azurite;

/// <summary>The bearer-token tests share one Azurite started with OAuth over HTTPS (<see cref="AzuriteOAuthFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteOAuthCollection : ICollectionFixture<AzuriteOAuthFixture>
{
    public const string Name = "Azurite OAuth";
}
