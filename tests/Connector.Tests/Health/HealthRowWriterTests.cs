using System.Text.Json;
using SentinelAwsIac.Connector.Core;
using SentinelAwsIac.Connector.Health;
using SentinelAwsIac.Contracts;
using Xunit;

namespace SentinelAwsIac.Connector.Tests.Health;

public sealed class HealthRowWriterTests
{
    [Fact]
    public void A_row_has_exactly_the_shared_health_columns_with_values_of_their_types()
    {
        var at = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var health = new PartitionHealth(new PartitionKey("111122223333", "eu-west-1"), HealthTable.States.Throttled, false, at.AddMinutes(-3), 150.25, 12, 1, 3, "boom", at);
        var row = JsonDocument.Parse(HealthRowWriter.Write(health, at, "1.2.3")).RootElement;

        Assert.Equal(HealthTable.Columns.Select(c => c.Name), row.EnumerateObject().Select(p => p.Name));
        foreach (var column in HealthTable.Columns)
        {
            var value = row.GetProperty(column.Name);
            var fits = column.Type switch
            {
                ColumnType.String => value.ValueKind == JsonValueKind.String,
                ColumnType.DateTime => value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), out _),
                ColumnType.Long => value.TryGetInt64(out _),
                ColumnType.Real => value.ValueKind == JsonValueKind.Number,
                _ => false,
            };
            Assert.True(fits, $"{column.Name} ({column.Type}) = {value}");
        }
        Assert.Equal("throttled", row.GetProperty("State").GetString());
        Assert.Equal("111122223333/eu-west-1", row.GetProperty("Partition").GetString());
        Assert.Equal(at, row.GetProperty("TimeGenerated").GetDateTimeOffset());
    }

    [Fact]
    public void Unknown_values_are_null_not_made_up()
    {
        var health = new PartitionHealth(new PartitionKey("111122223333", "eu-west-1"), HealthTable.States.Running, false, null, null, 0, 0, 0, null, null);
        var row = JsonDocument.Parse(HealthRowWriter.Write(health, DateTimeOffset.UnixEpoch, "v")).RootElement;
        Assert.Equal(JsonValueKind.Null, row.GetProperty("NewestEventTime").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("LagSeconds").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("LastError").ValueKind);
    }
}
