using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SentinelAwsIac.Connector.Source.S3;

/// <summary>
/// Streams the records of a CloudTrail log file (<c>{"Records":[{…},{…}]}</c>, already gunzip'd) one at a time, each
/// as its own UTF-8 bytes, holding no more than one buffer and the record being read: files of hundreds of MB are never
/// in memory whole. Other top-level properties are skipped; an empty stream holds no records.
/// </summary>
public sealed class CloudTrailRecordReader
{
    /// <summary>A record larger than this is refused (the file is then dead-lettered whole): CloudTrail events are a few
    /// KB, and the buffer grows only as far as this to hold one.</summary>
    public const int DefaultMaxRecordBytes = 16 * 1024 * 1024;

    private enum Phase { Start, Root, RecordsArray, Records, SkipValue, Done }

    private readonly Stream _stream;
    private readonly int _maxRecordBytes;
    private byte[] _buffer;
    private int _length;
    private bool _ended;
    private JsonReaderState _state;
    private Phase _phase = Phase.Start;
    private InvalidDataException? _failure;

    public CloudTrailRecordReader(Stream stream, int bufferBytes = 64 * 1024, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordBytes, bufferBytes);
        _stream = stream;
        _maxRecordBytes = maxRecordBytes;
        _buffer = new byte[bufferBytes];
    }

    /// <summary>The records in file order. Throws <see cref="InvalidDataException"/> when the file is not a CloudTrail
    /// log file (not JSON, no object at the top, a record that is not an object, truncated, a record too large).</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var records = new List<byte[]>();
        while (_phase != Phase.Done)
        {
            if (!_ended && _length < _buffer.Length)
            {
                var read = await _stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
                if (read == 0) _ended = true;
                _length += read;
            }

            if (_ended && _length == 0 && _phase == Phase.Start)
            {
                yield break; // an empty file
            }

            var consumed = Scan(records);
            foreach (var record in records) yield return record;
            records.Clear();
            if (_failure is not null) throw _failure; // after the records before it, which are whole
            if (_phase == Phase.Done) yield break;

            if (consumed > 0)
            {
                Buffer.BlockCopy(_buffer, consumed, _buffer, 0, _length - consumed);
                _length -= consumed;
            }
            else if (_ended)
            {
                throw new InvalidDataException("the log file is truncated: it ends inside its JSON");
            }
            else if (_length == _buffer.Length)
            {
                if (_buffer.Length >= _maxRecordBytes)
                {
                    throw new InvalidDataException($"a record of the log file is larger than {_maxRecordBytes} bytes");
                }

                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxRecordBytes));
            }
        }
    }

    /// <summary>Reads every complete token of the buffer; returns how many bytes are done with. A token (or a record)
    /// that is not complete yet is left for the next call, with the reader state from before it. A malformed file sets
    /// <see cref="_failure"/>, keeping the records read before the fault.</summary>
    private int Scan(List<byte[]> records)
    {
        try
        {
            return ScanTokens(records);
        }
        catch (InvalidDataException e)
        {
            _failure = e;
        }
        catch (JsonException e)
        {
            _failure = new InvalidDataException($"the log file is not valid JSON, or is truncated ({e.Message})", e);
        }

        return 0;
    }

    private int ScanTokens(List<byte[]> records)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(0, _length), _ended, _state);
        while (true)
        {
            var before = reader.CurrentState;
            var beforeConsumed = (int)reader.BytesConsumed;
            if (!reader.Read())
            {
                _state = before;
                return beforeConsumed;
            }

            switch (_phase)
            {
                case Phase.Start:
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new InvalidDataException($"the log file starts with a JSON {reader.TokenType}, not an object");
                    _phase = Phase.Root;
                    break;
                case Phase.Root when reader.TokenType == JsonTokenType.EndObject:
                    _phase = Phase.Done;
                    _state = reader.CurrentState;
                    return (int)reader.BytesConsumed;
                case Phase.Root:
                    _phase = reader.ValueTextEquals("Records"u8) ? Phase.RecordsArray : Phase.SkipValue;
                    break;
                case Phase.SkipValue:
                    if (!reader.TrySkip())
                    {
                        _state = before;
                        return beforeConsumed;
                    }

                    _phase = Phase.Root;
                    break;
                case Phase.RecordsArray:
                    if (reader.TokenType != JsonTokenType.StartArray)
                        throw new InvalidDataException($"Records is a JSON {reader.TokenType}, not an array");
                    _phase = Phase.Records;
                    break;
                case Phase.Records when reader.TokenType == JsonTokenType.EndArray:
                    _phase = Phase.Root;
                    break;
                case Phase.Records when reader.TokenType == JsonTokenType.StartObject:
                    var start = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        _state = before;
                        return beforeConsumed;
                    }

                    records.Add(_buffer.AsSpan(start, (int)reader.BytesConsumed - start).ToArray());
                    break;
                case Phase.Records:
                    throw new InvalidDataException($"a record of Records is a JSON {reader.TokenType}, not an object");
            }
        }
    }
}
