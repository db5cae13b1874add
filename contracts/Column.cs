namespace SentinelAwsIac.Contracts;

/// <summary>Log Analytics column types that both a custom table and a DCR stream declaration accept.</summary>
public enum ColumnType { String, Int, Long, Real, Boolean, DateTime, Dynamic }

/// <summary>One column of a table, its stream declaration and the mapper's output row.</summary>
public sealed record Column(string Name, ColumnType Type, string Description)
{
    /// <summary>Type name in a table schema (Microsoft.OperationalInsights/workspaces/tables): note the camel-case <c>dateTime</c>.</summary>
    public string TableType => Type switch
    {
        ColumnType.DateTime => "dateTime",
        _ => StreamType,
    };

    /// <summary>Type name in a DCR <c>streamDeclarations</c> entry (Microsoft.Insights/dataCollectionRules, all lower case).</summary>
    public string StreamType => Type switch
    {
        ColumnType.String => "string",
        ColumnType.Int => "int",
        ColumnType.Long => "long",
        ColumnType.Real => "real",
        ColumnType.Boolean => "boolean",
        ColumnType.DateTime => "datetime",
        ColumnType.Dynamic => "dynamic",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, "unknown column type"),
    };
}

/// <summary>A table the worker writes to: its columns, and the names derived from the table name.</summary>
public sealed record TableSchema(string DefaultTableName, IReadOnlyList<Column> Columns)
{
    /// <summary>The DCR input stream for a custom table: <c>Custom-</c> + table name (Azure Monitor DCR structure docs).</summary>
    public static string CustomStreamName(string tableName) => "Custom-" + tableName;

    public Column this[string name] => Columns.First(c => c.Name == name);
}
