using SentinelAwsIac.Tests.Shared;
using Xunit;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>The integration tests run one after another, sharing one Azurite process (<see cref="AzuriteFixture"/>):
/// each starts a worker with four partitions' worth of work, and a 2-core machine gives the most honest picture when
/// they do not compete.</summary>
[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Worker";
}
