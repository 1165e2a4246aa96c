namespace CostGuard.Simulation.Trace;

/// <summary>A prefix, then <c>length</c> copies of one byte, generated on demand; counts what it served.</summary>
internal sealed class EndlessStream(byte[] prefix, byte fill, long length) : Stream
{
    private long _position;

    public long Served => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => prefix.Length + length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var span = buffer.AsSpan(offset, (int)Math.Min(count, Length - _position));
        for (var i = 0; i < span.Length; i++)
        {
            var at = _position + i;
            span[i] = at < prefix.Length ? prefix[at] : fill;
        }

        _position += span.Length;
        return span.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
