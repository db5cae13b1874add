using System.Text.Json;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Connector.Health;

/// <summary>The columns of a health row, as indexes; each name is taken from <see cref="HealthTable.Columns"/>, never typed
/// here. The static constructor fails if the writer and the shared column list disagree in either direction.</summary>
internal enum HealthColumn
{
    TimeGenerated, Partition, AccountId, Region, State, NewestEventTime, LagSeconds, Events, DeadLetters, Throttles, LastError, WorkerVersion,
}

internal static class HealthColumns
{
    private static readonly JsonEncodedText[] Names = Build();

    public static JsonEncodedText Name(HealthColumn column) => Names[(int)column];

    private static JsonEncodedText[] Build()
    {
        var all = Enum.GetValues<HealthColumn>();
        var names = new JsonEncodedText[all.Length];
        foreach (var column in all)
        {
            var declared = HealthTable.Columns.FirstOrDefault(c => c.Name == column.ToString())
                ?? throw new InvalidOperationException($"The health writer writes column '{column}', which HealthTable.Columns does not declare.");
            names[(int)column] = JsonEncodedText.Encode(declared.Name);
        }
        var unwritten = HealthTable.Columns.Select(c => c.Name).Except(all.Select(c => c.ToString())).ToList();
        if (unwritten.Count > 0)
            throw new InvalidOperationException($"HealthTable.Columns declares {string.Join(", ", unwritten)}, which the health writer does not write.");
        return names;
    }
}
