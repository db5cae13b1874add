using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SentinelAwsIac.Connector.Map;
using SentinelAwsIac.Contracts;
using Xunit;
using static SentinelAwsIac.Connector.Tests.Map.CloudTrailSamples;

namespace SentinelAwsIac.Connector.Tests.Map;

/// <summary>Every row the mapper writes uses only contract columns, each with the JSON kind of its column type.</summary>
public sealed class RowSchemaTests
{
    [Theory]
    [MemberData(nameof(All), MemberType = typeof(CloudTrailSamples))]
    public void Row_keys_are_contract_columns_with_the_json_kind_of_their_type(string json)
    {
        var result = new CloudTrailRecordMapper().Map(Event(json));
        Assert.True(result.IsSuccess, result.FailureReason);

        var row = JsonDocument.Parse(result.Row!).RootElement;
        Assert.Equal(JsonValueKind.Object, row.ValueKind);
        var seen = new HashSet<string>();
        foreach (var property in row.EnumerateObject())
        {
            Assert.True(seen.Add(property.Name), $"column {property.Name} written twice");
            var column = CloudTrailTable.Columns.SingleOrDefault(c => c.Name == property.Name);
            Assert.True(column is not null, $"column {property.Name} is not in CloudTrailTable.Columns");
            AssertKind(column!, property.Value);
        }
        Assert.Contains("TimeGenerated", seen);
        Assert.Contains("AwsEventId", seen);
    }

    [Fact]
    public void Every_sample_together_covers_every_contract_column()
    {
        // Guards against a column silently never being filled (a typo in a source field name, say).
        var mapper = new CloudTrailRecordMapper();
        var covered = All()
            .Select(args => JsonDocument.Parse(mapper.Map(Event((string)args[0])).Row!).RootElement)
            .SelectMany(row => row.EnumerateObject().Select(p => p.Name))
            .ToHashSet();

        var missing = CloudTrailTable.Columns.Select(c => c.Name).Where(name => !covered.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "never filled by any sample: " + string.Join(", ", missing));
    }

    [Fact]
    public void AddCloudTrailMapper_registers_one_singleton_mapper()
    {
        var services = new ServiceCollection().AddCloudTrailMapper().AddCloudTrailMapper().BuildServiceProvider();

        var mapper = services.GetRequiredService<IRecordMapper>();
        Assert.IsType<CloudTrailRecordMapper>(mapper);
        Assert.Same(mapper, services.GetRequiredService<IRecordMapper>());
    }

    private static void AssertKind(Column column, JsonElement value)
    {
        switch (column.Type)
        {
            case ColumnType.String:
                Assert.Equal(JsonValueKind.String, value.ValueKind);
                break;
            case ColumnType.Boolean:
                Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{column.Name} is {value.ValueKind}");
                break;
            case ColumnType.DateTime:
                Assert.Equal(JsonValueKind.String, value.ValueKind);
                var text = value.GetString()!;
                Assert.EndsWith("Z", text);
                Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _), $"{column.Name} '{text}' is not ISO 8601");
                break;
            default:
                Assert.Fail($"column {column.Name} has type {column.Type}, which the mapper does not write");
                break;
        }
    }
}
