using System.Text.Json;

namespace SentinelAwsIac.Verify.LogsQuery;

/// <summary>A column of a result table: name and Kusto type (string, datetime, long, real, bool, dynamic, …).</summary>
public sealed record LogsTableColumn(string Name, string Type);

/// <summary>One table of a query result, as the API returns it: columns, and rows as arrays of cells in column order
/// (response shape: Microsoft Learn, REST API "Query - Execute", <c>{"tables":[{"name","columns":[{name,type}],"rows":[[…]]}]}</c>).</summary>
public sealed class LogsTable(string name, IReadOnlyList<LogsTableColumn> columns, IReadOnlyList<JsonElement[]> rows)
{
    public string Name { get; } = name;
    public IReadOnlyList<LogsTableColumn> Columns { get; } = columns;
    public IReadOnlyList<JsonElement[]> Rows { get; } = rows;

    /// <summary>The cell of <paramref name="column"/> in <paramref name="row"/>; an error naming the column when the result lacks it.</summary>
    public JsonElement Cell(JsonElement[] row, string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, column, StringComparison.Ordinal))
            {
                return row[i];
            }
        }

        throw new InvalidOperationException($"the query result has no column '{column}' (columns: {string.Join(", ", Columns.Select(c => c.Name))}).");
    }

    public string? String(JsonElement[] row, string column) => Cell(row, column) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public DateTimeOffset? DateTime(JsonElement[] row, string column) =>
        String(row, column) is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

/// <summary>A query's result: its tables, the first being <c>PrimaryResult</c> (like LogsQueryResult.Table of the official client).</summary>
public sealed class LogsQueryResult(IReadOnlyList<LogsTable> tables)
{
    public IReadOnlyList<LogsTable> AllTables { get; } = tables;

    public LogsTable Table => AllTables.Count > 0 ? AllTables[0] : throw new InvalidOperationException("the query answered no table.");

    public static LogsQueryResult Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("tables", out var tables) || tables.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("the query answer has no 'tables' array.");
        }

        var parsed = new List<LogsTable>();
        foreach (var table in tables.EnumerateArray())
        {
            var columns = table.GetProperty("columns").EnumerateArray()
                .Select(c => new LogsTableColumn(c.GetProperty("name").GetString()!, c.TryGetProperty("type", out var t) ? t.GetString() ?? "" : ""))
                .ToList();
            var rows = table.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.Clone()).ToArray()).ToList();
            if (rows.Any(r => r.Length != columns.Count))
            {
                throw new InvalidOperationException($"a row of table '{table.GetProperty("name").GetString()}' does not have {columns.Count} cells.");
            }

            parsed.Add(new LogsTable(table.GetProperty("name").GetString() ?? "", columns, rows));
        }

        return new LogsQueryResult(parsed);
    }
}
