using System.Buffers;

namespace SentinelAwsIac.Connector.Sink;

/// <summary>
/// A write-only stream into arrays rented from <see cref="ArrayPool{T}.Shared"/>: the body of one upload, kept for its
/// retries and returned to the pool on <see cref="Dispose(bool)"/>. A new array per batch (a <see cref="MemoryStream"/>)
/// is over 85 KB, so it lands on the large object heap and every few of them force a full, blocking collection.
/// Do not use <see cref="Memory"/> after disposing.
/// </summary>
internal sealed class PooledBody : Stream
{
    private byte[] _buffer;
    private int _length;

    public PooledBody(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> Memory
    {
        get
        {
            ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
            return new ReadOnlyMemory<byte>(_buffer, 0, _length);
        }
    }

    /// <summary>Room for <paramref name="count"/> more bytes, to be filled directly and then committed with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int count)
    {
        Ensure(count);
        return _buffer.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Ensure(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int count)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var needed = checked(_length + count);
        if (needed <= _buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, checked(_buffer.Length * 2)));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _length = 0;
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
