using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Azurite;

/// <summary>The storage and checkpoint tests share one Azurite process (<see cref="AzuriteFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
