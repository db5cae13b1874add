using System.Globalization;
using System.Text.Json;
using SentinelAwsIac.Contracts;

namespace SentinelAwsIac.Emulators.LogsIngestion;

/// <summary>
/// Checks a body against a stream declaration: a JSON array of objects whose properties are declared columns with
/// values of the declared type (null allowed). Where the service's docs are silent about a case (undeclared column,
/// mistyped value) the emulator is stricter than the service and answers 400, so a mapper bug shows up in tests.
/// </summary>
internal static class RowValidator
{
    /// <returns>null when valid, else the message of the 400 answer.</returns>
    public static string? Validate(JsonElement body, string stream, IReadOnlyDictionary<string, Column> columns)
    {
        if (body.ValueKind != JsonValueKind.Array)
            return $"The request body must be a JSON array of objects; got a JSON {body.ValueKind.ToString().ToLowerInvariant()}.";
        var index = 0;
        foreach (var row in body.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
                return $"Record {index} is a JSON {row.ValueKind.ToString().ToLowerInvariant()}, not an object.";
            foreach (var property in row.EnumerateObject())
            {
                if (!columns.TryGetValue(property.Name, out var column))
                    return $"Record {index}: column '{property.Name}' is not declared in stream '{stream}'.";
                if (!Fits(property.Value, column.Type))
                    return $"Record {index}: column '{property.Name}' of type {column.StreamType} cannot hold the value {Show(property.Value)}.";
            }
            index++;
        }
        return null;
    }

    private static bool Fits(JsonElement value, ColumnType type) => value.ValueKind == JsonValueKind.Null || type switch
    {
        ColumnType.String => value.ValueKind == JsonValueKind.String,
        ColumnType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        ColumnType.Int => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        ColumnType.Long => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        ColumnType.Real => value.ValueKind == JsonValueKind.Number,
        ColumnType.DateTime => value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
        ColumnType.Dynamic => true,
        _ => false,
    };

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "…";
    }
}
