using System.IO.Compression;
using System.Text;

namespace CostGuard.Simulation.Trace;

/// <summary>
/// Streams the rows of a fleet trace v1 (CSV, optionally gzip-compressed), validating each one. It holds
/// only the current row, so a month of samples reads in constant memory.
/// </summary>
public sealed class TraceReader : IDisposable
{
    private readonly TextReader _text;
    private readonly CsvRecordReader _csv;
    private readonly StringPool _strings = new();
    private readonly TraceTagParser _tags = new();
    private readonly RowFieldCache _rowFields = new();
    private readonly char[] _lastTimeText = new char[40];
    private int _lastTimeLength;
    private DateTimeOffset _lastTime;
    private TraceColumns? _columns;

    private TraceReader(TextReader text)
    {
        _text = text;
        _csv = new CsvRecordReader(text);
    }

    /// <summary>The row read by the last successful <see cref="ReadAsync"/>.</summary>
    public TraceRow Current { get; private set; }

    public long RowsRead { get; private set; }

    /// <summary>Opens a trace; gzip input is recognised by its magic bytes, whatever the file is called.</summary>
    public static TraceReader Open(Stream stream)
    {
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream, 1 << 16);
        Stream content = buffered;
        if (buffered.CanSeek)
        {
            var start = buffered.Position;
            var first = buffered.ReadByte();
            var second = buffered.ReadByte();
            buffered.Position = start;
            if (first == 0x1f && second == 0x8b)
            {
                content = new GZipStream(buffered, CompressionMode.Decompress);
            }
        }

        return new TraceReader(new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
    }

    /// <summary>Reads and validates the next row; false at the end. Throws <see cref="TraceFormatException"/> on bad input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_columns is null)
            {
                if (!await _csv.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new TraceFormatException(1, null, "the trace is empty; it needs a header row naming the eleven columns");
                }

                _columns = TraceColumns.FromHeader(_csv);
            }

            if (!await _csv.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (InvalidDataException ex)
        {
            // A corrupt .csv.gz: say where reading stopped rather than crash.
            throw new TraceFormatException(_csv.Line + 1, null, $"the compressed trace is corrupt or truncated ({ex.Message})");
        }

        Current = ParseRow(_columns);
        RowsRead++;
        return true;
    }

    public void Dispose() => _text.Dispose();

    private TraceRow ParseRow(TraceColumns c)
    {
        var line = _csv.Line;
        if (_csv.FieldCount != c.Count)
        {
            throw new TraceFormatException(line, null, $"expected {c.Count} fields as in the header, found {_csv.FieldCount}");
        }

        // Fields are checked in column order, so the first bad one is the one reported.
        var names = c.Names;
        var time = Time(_csv.Field(c.Time), line, names[c.Time]);
        var cloud = TraceFieldParser.Cloud(_csv.Field(c.Cloud), line, names[c.Cloud]);
        var account = TraceFieldParser.Required(_csv.Field(c.Account), line, names[c.Account]);
        var region = TraceFieldParser.Required(_csv.Field(c.Region), line, names[c.Region]);
        var instance = TraceFieldParser.Required(_csv.Field(c.Instance), line, names[c.Instance]);
        var type = TraceFieldParser.Required(_csv.Field(c.Type), line, names[c.Type]);
        var state = TraceFieldParser.State(_csv.Field(c.State), line, names[c.State]);
        var price = TraceFieldParser.Price(_csv.Field(c.UsdPerHour), line, names[c.UsdPerHour]);
        var gpu = TraceFieldParser.Percent(_csv.Field(c.GpuUtil), line, names[c.GpuUtil]);
        var cpu = TraceFieldParser.Percent(_csv.Field(c.CpuUtil), line, names[c.CpuUtil]);
        var previous = _rowFields.For(instance, _strings);
        return new TraceRow(
            line,
            time,
            cloud,
            previous.Account(account, _strings),
            previous.Region(region, _strings),
            previous.Instance,
            previous.Type(type, _strings),
            state,
            price,
            gpu,
            cpu,
            previous.Tags(_csv.Field(c.Tags).Trim(), _tags, line, names[c.Tags]));
    }

    // Rows come grouped by time (a fleet's samples share each stamp), so the previous row's time is usually the answer.
    private DateTimeOffset Time(ReadOnlySpan<char> text, long line, string column)
    {
        if (_lastTimeLength > 0 && text.SequenceEqual(_lastTimeText.AsSpan(0, _lastTimeLength)))
        {
            return _lastTime;
        }

        var time = TraceFieldParser.Time(text, line, column);
        if (text.Length <= _lastTimeText.Length)
        {
            text.CopyTo(_lastTimeText);
            _lastTimeLength = text.Length;
            _lastTime = time;
        }

        return time;
    }
}
