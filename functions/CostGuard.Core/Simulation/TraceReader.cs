using System.IO.Compression;
using System.Text;

namespace CostGuard.Simulation;

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

        var names = c.Names;
        return new TraceRow(
            line,
            TraceFieldParser.Time(_csv.Field(c.Time), line, names[c.Time]),
            TraceFieldParser.Cloud(_csv.Field(c.Cloud), line, names[c.Cloud]),
            _strings.Get(TraceFieldParser.Required(_csv.Field(c.Account), line, names[c.Account])),
            _strings.Get(TraceFieldParser.Required(_csv.Field(c.Region), line, names[c.Region])),
            _strings.Get(TraceFieldParser.Required(_csv.Field(c.Instance), line, names[c.Instance])),
            _strings.Get(TraceFieldParser.Required(_csv.Field(c.Type), line, names[c.Type])),
            TraceFieldParser.State(_csv.Field(c.State), line, names[c.State]),
            TraceFieldParser.Price(_csv.Field(c.UsdPerHour), line, names[c.UsdPerHour]),
            TraceFieldParser.Percent(_csv.Field(c.GpuUtil), line, names[c.GpuUtil]),
            TraceFieldParser.Percent(_csv.Field(c.CpuUtil), line, names[c.CpuUtil]),
            _tags.Parse(_csv.Field(c.Tags), line, names[c.Tags]));
    }
}
