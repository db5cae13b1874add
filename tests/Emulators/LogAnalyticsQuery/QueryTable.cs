using System.Collections.Concurrent;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Emulators.LogAnalyticsQuery;

/// <summary>A table of an emulated workspace: its columns (from the contracts' schemas) and the rows added by tests.</summary>
public sealed class QueryTable(string name, IReadOnlyList<Column> columns)
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, object?>> _rows = new();

    public string Name { get; } = name;
    public IReadOnlyList<Column> Columns { get; } = columns;

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows => [.. _rows];

    /// <summary>Adds a row; a column the table does not have is an error (the service would drop or refuse it).</summary>
    public void Add(IReadOnlyDictionary<string, object?> row)
    {
        if (row.Keys.FirstOrDefault(k => Columns.All(c => c.Name != k)) is { } unknown)
        {
            throw new ArgumentException($"table {Name} has no column '{unknown}'", nameof(row));
        }

        _rows.Enqueue(row);
    }

    /// <summary>The column's type as the query API names it in a result's <c>columns</c> (Kusto scalar type names).</summary>
    public static string KustoType(ColumnType type) => type switch
    {
        ColumnType.String => "string",
        ColumnType.Int => "int",
        ColumnType.Long => "long",
        ColumnType.Real => "real",
        ColumnType.Boolean => "bool",
        ColumnType.DateTime => "datetime",
        ColumnType.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
