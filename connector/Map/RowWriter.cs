using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Map;

/// <summary>
/// Per-thread scratch for one row. The row is a flat JSON object, so it is written straight into a reused byte
/// buffer: each column's <c>"Name":</c> prefix is pre-encoded, string values are the record's own JSON tokens
/// copied as they are (already valid JSON), and JSON-text columns are escaped with a vectorized search. This is
/// several times cheaper than a general JSON writer. It also tracks the columns written (each at most once, so a
/// record with a duplicated field cannot produce a duplicated column) and applies the 64 KB field truncation.
/// </summary>
internal sealed class RowWriter
{
    // For the rare values that must be escaped from scratch (summary fallbacks, unescaped-then-truncated values).
    // Relaxed: non-ASCII stays UTF-8; quotes, backslashes and control characters are escaped. The rows are never
    // embedded in HTML, which is what the stricter default encoder protects.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // JSON text is valid JSON, so inside it only quotes, backslashes and the whitespace controls allowed between
    // tokens need escaping to become a JSON string.
    // Maps a byte to the letter that follows the backslash of its escape, or 0 when it is copied as is.
    private static readonly byte[] EscapeTable = BuildEscapeTable();

    private static byte[] BuildEscapeTable()
    {
        var table = new byte[256];
        table['"'] = (byte)'"';
        table['\\'] = (byte)'\\';
        table['\n'] = (byte)'n';
        table['\r'] = (byte)'r';
        table['\t'] = (byte)'t';
        return table;
    }

    private static readonly byte[][] Prefixes = Enum.GetValues<RowColumn>()
        .Select(c => Encoding.UTF8.GetBytes(",\"" + Encoding.UTF8.GetString(RowColumns.Name(c).EncodedUtf8Bytes) + "\":"))
        .ToArray();

    private byte[] _buffer = new byte[4096];
    private int _length;
    private ulong _written;
    private int _maxFieldBytes;

    public bool Truncated { get; private set; }

    public void Reset(int maxFieldBytes)
    {
        _length = 0;
        _written = 0;
        _maxFieldBytes = maxFieldBytes;
        Truncated = false;
    }

    public bool Has(RowColumn column) => (_written & (1UL << (int)column)) != 0;

    /// <summary>The finished row: <c>{…}</c>.</summary>
    public byte[] ToRow()
    {
        var row = new byte[_length + (_length == 0 ? 2 : 1)];
        if (_length == 0)
        {
            row[0] = (byte)'{';
        }
        else
        {
            _buffer.AsSpan(0, _length).CopyTo(row);
            row[0] = (byte)'{'; // replaces the first column's leading comma
        }
        row[^1] = (byte)'}';
        return row;
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
                // The escaped length bounds the value's length, so it fits; the source token (quotes included) is
                // already a valid JSON string and is copied as is, escapes and all.
                var token = source[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
                WriteToken(column, token);
                if (also is { } second) WriteToken(second, token);
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

    /// <summary>ISO 8601 in UTC with a 'Z', fractional seconds only when present (e.g. 2024-05-06T07:08:09Z).</summary>
    public void WriteDateTime(RowColumn column, DateTimeOffset value)
    {
        if (!Claim(column)) return;
        var span = Reserve(Prefixes[(int)column].Length + 40);
        Prefixes[(int)column].CopyTo(span);
        var at = Prefixes[(int)column].Length;
        span[at++] = (byte)'"';
        value.UtcDateTime.TryFormat(span[at..], out var written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        at += written;
        span[at++] = (byte)'"';
        _length += at;
    }

    public void WriteBoolean(RowColumn column, bool value)
    {
        if (!Claim(column)) return;
        Append(Prefixes[(int)column]);
        Append(value ? "true"u8 : "false"u8);
    }

    public void WriteString(RowColumn column, string value) => WriteUtf8(column, Encoding.UTF8.GetBytes(value));

    /// <summary>An unescaped UTF-8 value: escaped here, truncated first if over the limit.</summary>
    private void WriteUtf8(RowColumn column, ReadOnlySpan<byte> value)
    {
        if (!Claim(column)) return;
        if (value.Length > _maxFieldBytes)
            value = Truncate(value);
        Append(Prefixes[(int)column]);
        Append("\""u8);
        Append(JsonEncodedText.Encode(value, Encoder).EncodedUtf8Bytes);
        Append("\""u8);
    }

    private void WriteToken(RowColumn column, ReadOnlySpan<byte> jsonToken)
    {
        if (!Claim(column)) return;
        var prefix = Prefixes[(int)column];
        var span = Reserve(prefix.Length + jsonToken.Length);
        prefix.CopyTo(span);
        jsonToken.CopyTo(span[prefix.Length..]);
        _length += prefix.Length + jsonToken.Length;
    }

    /// <summary>Writes JSON text as a JSON string value (see <see cref="EscapeTable"/>).</summary>
    private void WriteJsonAsString(RowColumn column, ReadOnlySpan<byte> json)
    {
        if (json.Length > _maxFieldBytes)
        {
            WriteUtf8(column, json);
            return;
        }
        if (!Claim(column)) return;
        var prefix = Prefixes[(int)column];
        var output = Reserve(prefix.Length + json.Length * 2 + 2);
        prefix.CopyTo(output);
        var written = prefix.Length;
        output[written++] = (byte)'"';
        // A table-driven byte loop: JSON text is quote-dense (a quote every few bytes), where a vectorized search
        // restarts too often to pay off.
        ref var escapes = ref MemoryMarshal.GetArrayDataReference(EscapeTable);
        ref var destination = ref MemoryMarshal.GetReference(output); // Reserve made room for every byte escaped
        foreach (var b in json)
        {
            var escape = Unsafe.Add(ref escapes, b); // b < 256 = table length
            if (escape == 0)
            {
                Unsafe.Add(ref destination, written++) = b;
            }
            else
            {
                Unsafe.Add(ref destination, written++) = (byte)'\\';
                Unsafe.Add(ref destination, written++) = escape;
            }
        }
        output[written++] = (byte)'"';
        _length += written;
    }

    /// <summary>The longest prefix that, with the marker <c>…[truncated by connector: N bytes]</c>, fits the limit,
    /// cut before a UTF-8 continuation byte so no character is split.</summary>
    private byte[] Truncate(ReadOnlySpan<byte> value)
    {
        var marker = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"…[truncated by connector: {value.Length} bytes]"));
        var keep = _maxFieldBytes - marker.Length;
        while (keep > 0 && (value[keep] & 0xC0) == 0x80)
            keep--;
        var result = new byte[keep + marker.Length];
        value[..keep].CopyTo(result);
        marker.CopyTo(result.AsSpan(keep));
        Truncated = true;
        return result;
    }

    private bool Claim(RowColumn column)
    {
        var bit = 1UL << (int)column;
        if ((_written & bit) != 0) return false;
        _written |= bit;
        return true;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    /// <summary>Room for <paramref name="size"/> more bytes at the end of the row.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        return _buffer.AsSpan(_length);
    }
}
