using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Map;

/// <summary>
/// Per-thread scratch for one row: a reused buffer and <see cref="Utf8JsonWriter"/>, the set of columns written
/// (each at most once, so a record with a duplicated field cannot produce a duplicated column), and the
/// 64 KB field truncation.
/// </summary>
internal sealed class RowWriter
{
    // Relaxed escaping: non-ASCII text stays UTF-8 instead of \uXXXX (smaller rows, truer byte counts); quotes,
    // backslashes and control characters are still escaped, so the output is valid JSON. The rows are never
    // embedded in HTML, which is what the stricter default encoder protects.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true, // the mapper writes one flat object; validation would only cost time
    };

    private static readonly SearchValues<byte> MustEscape = SearchValues.Create("\"\\\n\r\t"u8);

    private ulong _written;
    private byte[] _scratch = new byte[4096];
    private int _maxFieldBytes;

    public RowWriter()
    {
        Buffer = new ArrayBufferWriter<byte>(4096);
        Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }

    public ArrayBufferWriter<byte> Buffer { get; }
    public Utf8JsonWriter Writer { get; }
    public bool Truncated { get; private set; }

    public void Reset(int maxFieldBytes)
    {
        Buffer.ResetWrittenCount();
        Writer.Reset(Buffer);
        _written = 0;
        _maxFieldBytes = maxFieldBytes;
        Truncated = false;
    }

    public bool Has(RowColumn column) => (_written & (1UL << (int)column)) != 0;

    private bool Claim(RowColumn column)
    {
        var bit = 1UL << (int)column;
        if ((_written & bit) != 0) return false;
        _written |= bit;
        return true;
    }

    /// <summary>A string column: a JSON string is copied (truncated if too long); a number or boolean is written as
    /// its JSON text; an object or array as its raw JSON text; null is left out.</summary>
    public void String(RowColumn column, ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowColumn? also = null)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return;
            case JsonTokenType.String when reader.ValueSpan.Length <= _maxFieldBytes:
                // Fast path: the escaped length bounds the value's length, so it fits; the source token (quotes
                // included) is already a valid JSON string and is copied as is, escapes and all.
                var token = source[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
                WriteRaw(column, token);
                if (also is { } second) WriteRaw(second, token);
                return;
            case JsonTokenType.String:
                var rented = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
                try
                {
                    var length = reader.CopyString(rented); // unescaped: the limit is on the value, not its JSON
                    WriteUtf8(column, rented.AsSpan(0, length));
                    if (also is { } other) WriteUtf8(other, rented.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
                return;
            default:
                JsonText(column, ref reader, source, also);
                return;
        }
    }

    /// <summary>A JSON-text column: the element's raw JSON text as found in the record; null is left out.</summary>
    public void JsonText(RowColumn column, ref Utf8JsonReader reader, ReadOnlySpan<byte> source, RowColumn? also = null)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return;
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
        var raw = source[start..(int)reader.BytesConsumed];
        WriteJsonAsString(column, raw);
        if (also is { } second) WriteJsonAsString(second, raw);
    }

    /// <summary>Writes JSON text as a JSON string value. The text is valid JSON, so the only characters that need
    /// escaping are quotes, backslashes and the whitespace controls allowed between tokens; a vectorized search
    /// finds them, which is several times faster than the general-purpose escaper on quote-dense JSON.</summary>
    private void WriteJsonAsString(RowColumn column, ReadOnlySpan<byte> json)
    {
        if (json.Length > _maxFieldBytes)
        {
            WriteUtf8(column, json);
            return;
        }
        if (!Claim(column)) return;
        var needed = json.Length * 2 + 2;
        if (_scratch.Length < needed)
            _scratch = new byte[Math.Max(needed, _scratch.Length * 2)];
        var output = _scratch.AsSpan();
        var written = 0;
        output[written++] = (byte)'"';
        var rest = json;
        while (true)
        {
            var next = rest.IndexOfAny(MustEscape);
            if (next < 0)
            {
                rest.CopyTo(output[written..]);
                written += rest.Length;
                break;
            }
            rest[..next].CopyTo(output[written..]);
            written += next;
            output[written++] = (byte)'\\';
            output[written++] = rest[next] switch
            {
                (byte)'\n' => (byte)'n',
                (byte)'\r' => (byte)'r',
                (byte)'\t' => (byte)'t',
                var same => same, // '"' and '\\' are escaped by a backslash in front
            };
            rest = rest[(next + 1)..];
        }
        output[written++] = (byte)'"';
        Writer.WritePropertyName(RowColumns.Name(column));
        Writer.WriteRawValue(output[..written], skipInputValidation: true);
    }

    private void WriteRaw(RowColumn column, ReadOnlySpan<byte> jsonToken)
    {
        if (!Claim(column)) return;
        Writer.WritePropertyName(RowColumns.Name(column));
        Writer.WriteRawValue(jsonToken, skipInputValidation: true);
    }

    /// <summary>A boolean column from a JSON boolean or the strings "true"/"false" (any case); else left out.</summary>
    public void Boolean(RowColumn column, ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: WriteBoolean(column, true); return;
            case JsonTokenType.False: WriteBoolean(column, false); return;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                var text = reader.ValueSpan;
                if (Ascii.EqualsIgnoreCase(text, "true"u8)) WriteBoolean(column, true);
                else if (Ascii.EqualsIgnoreCase(text, "false"u8)) WriteBoolean(column, false);
                return;
            default:
                reader.Skip();
                return;
        }
    }

    /// <summary>A datetime column from an ISO 8601 string, written in UTC; anything else is left out.</summary>
    public void DateTime(RowColumn column, ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
            WriteDateTime(column, value);
        else
            reader.Skip();
    }

    public void WriteDateTime(RowColumn column, DateTimeOffset value)
    {
        if (Claim(column))
            Writer.WriteString(RowColumns.Name(column), value.UtcDateTime); // ISO 8601 with 'Z' (round-trip format)
    }

    public void WriteBoolean(RowColumn column, bool value)
    {
        if (Claim(column))
            Writer.WriteBoolean(RowColumns.Name(column), value);
    }

    public void WriteString(RowColumn column, string value)
    {
        if (!Claim(column)) return;
        if (Encoding.UTF8.GetByteCount(value) <= _maxFieldBytes)
            Writer.WriteString(RowColumns.Name(column), value);
        else
            WriteTruncated(column, Encoding.UTF8.GetBytes(value));
    }

    private void WriteUtf8(RowColumn column, ReadOnlySpan<byte> value)
    {
        if (!Claim(column)) return;
        if (value.Length <= _maxFieldBytes)
            Writer.WriteString(RowColumns.Name(column), value);
        else
            WriteTruncated(column, value);
    }

    /// <summary>Keeps the longest prefix that, with the marker, fits the limit, cut before a UTF-8 continuation byte
    /// so no character is split.</summary>
    private void WriteTruncated(RowColumn column, ReadOnlySpan<byte> value)
    {
        var marker = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"…[truncated by connector: {value.Length} bytes]"));
        var keep = _maxFieldBytes - marker.Length;
        while (keep > 0 && (value[keep] & 0xC0) == 0x80)
            keep--;
        var combined = ArrayPool<byte>.Shared.Rent(keep + marker.Length);
        try
        {
            value[..keep].CopyTo(combined);
            marker.CopyTo(combined.AsSpan(keep));
            Writer.WriteString(RowColumns.Name(column), combined.AsSpan(0, keep + marker.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(combined);
        }
        Truncated = true;
    }
}
