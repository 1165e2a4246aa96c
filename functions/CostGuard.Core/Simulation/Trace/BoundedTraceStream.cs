namespace CostGuard.Simulation.Trace;

/// <summary>
/// Passes trace bytes through to the CSV reader while enforcing <see cref="TraceLimits.MaxRowBytes"/> per row
/// before the reader buffers them, so a single huge line costs 64 KiB of memory, not its own size. It follows
/// quotes as the CSV reader does (a line break inside quotes continues the row), which also lets it name the
/// row a quote left open at the end of the file.
/// </summary>
internal sealed class BoundedTraceStream : Stream
{
    private readonly Stream _inner;
    private readonly int _maxRowBytes;
    private long _line = 1;
    private long _rowStartLine = 1;
    private long _rowBytes;
    private bool _inQuotes;

    public BoundedTraceStream(Stream inner, int maxRowBytes = TraceLimits.MaxRowBytes)
    {
        _inner = inner;
        _maxRowBytes = maxRowBytes;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            if (_inQuotes)
            {
                throw new TraceFormatException(_rowStartLine, null, "a quoted field is not closed before the end of the file");
            }

            return;
        }

        // Nearly every chunk has no quote at all: count its lines with vectorized searches only.
        if (!_inQuotes && chunk.Length <= _maxRowBytes && !chunk.Contains((byte)'"'))
        {
            var first = chunk.IndexOf((byte)'\n');
            if (first < 0)
            {
                Grow(chunk.Length);
                return;
            }

            Grow(first);
            var last = chunk.LastIndexOf((byte)'\n');
            _line += chunk.Count((byte)'\n');
            _rowStartLine = _line;
            _rowBytes = 0;
            Grow(chunk.Length - last - 1);
            return;
        }

        Walk(chunk);
    }

    private void Walk(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var next = chunk.IndexOfAny((byte)'"', (byte)'\n');
            if (next < 0)
            {
                Grow(chunk.Length);
                return;
            }

            Grow(next);
            if (chunk[next] == (byte)'"')
            {
                _inQuotes = !_inQuotes;
                Grow(1);
            }
            else
            {
                _line++;
                if (_inQuotes)
                {
                    Grow(1);
                }
                else
                {
                    _rowStartLine = _line;
                    _rowBytes = 0;
                }
            }

            chunk = chunk[(next + 1)..];
        }
    }

    private void Grow(int bytes)
    {
        _rowBytes += bytes;
        if (_rowBytes > _maxRowBytes)
        {
            throw new TraceFormatException(
                _rowStartLine,
                null,
                $"the row is longer than {_maxRowBytes / 1024} KiB ({_maxRowBytes:N0} bytes), the limit for one trace row");
        }
    }
}
