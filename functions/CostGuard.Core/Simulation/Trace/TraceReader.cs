using System.IO.Compression;
using System.Text;
using nietras.SeparatedValues;

namespace CostGuard.Simulation.Trace;

/// <summary>
/// Streams the rows of a fleet trace v1 (CSV, optionally gzip-compressed), validating each one. Sep splits
/// the CSV (SIMD, spans, no string per field); this class turns fields into typed rows, sharing one string per
/// distinct id. It holds only the current row, so a month of samples reads in constant memory, and no row may
/// exceed <see cref="TraceLimits.MaxRowBytes"/>.
/// </summary>
public sealed class TraceReader : IDisposable
{
    private static readonly SepReaderOptions CsvOptions = Sep.New(',').Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        Unescape = true,
    });

    private readonly TextReader _text;
    private readonly StringPool _strings = new();
    private readonly TraceTagParser _tags = new();
    private readonly RowFieldCache _rowFields = new();
    private readonly char[] _lastTimeText = new char[40];
    private SepReader? _csv;
    private int _lastTimeLength;
    private DateTimeOffset _lastTime;
    private TraceColumns? _columns;
    private long _lastLine = 1;

    private TraceReader(TextReader text)
    {
        _text = text;
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

        // The byte buffer stays below the row limit, so the bound is checked before any row is buffered whole.
        var bounded = new BoundedTraceStream(content);
        return new TraceReader(new StreamReader(bounded, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 15));
    }

    /// <summary>Reads and validates the next row; false at the end. Throws <see cref="TraceFormatException"/> on bad input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            _csv ??= await CsvOptions.FromAsync(_text, cancellationToken).ConfigureAwait(false);
            if (_columns is null)
            {
                _columns = TraceColumns.FromHeader(await NextRecordAsync(cancellationToken).ConfigureAwait(false) ? _csv.Current : throw Empty());
            }

            if (!await NextRecordAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }

        return Accept();
    }

    /// <summary>
    /// The same as <see cref="ReadAsync"/>, blocking, and into <paramref name="rows"/>[<paramref name="index"/>] instead
    /// of <see cref="Current"/>: for the simulator's dedicated reading thread, where an await per row would only add
    /// cost, and the row is copied once, straight into the batch the simulating thread takes. Checks
    /// <paramref name="cancellationToken"/> once per row.
    /// </summary>
    internal bool ReadInto(TraceRow[] rows, int index, CancellationToken cancellationToken)
    {
        if (!Next(cancellationToken))
        {
            return false;
        }

        rows[index] = ParseRow(_csv!.Current, _columns!);
        RowsRead++;
        return true;
    }

    private bool Next(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            _csv ??= CsvOptions.From(_text);
            if (_columns is null)
            {
                _columns = TraceColumns.FromHeader(NextRecord() ? _csv.Current : throw Empty());
            }

            return NextRecord();
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    private bool Accept()
    {
        Current = ParseRow(_csv!.Current, _columns!);
        RowsRead++;
        return true;
    }

    private static TraceFormatException Empty() =>
        new(1, null, "the trace is empty; it needs a header row naming the eleven columns");

    // A corrupt .csv.gz: say where reading stopped rather than crash.
    private TraceFormatException Corrupt(InvalidDataException ex) =>
        new(_lastLine + 1, null, $"the compressed trace is corrupt or truncated ({ex.Message})");

    public void Dispose()
    {
        _csv?.Dispose();
        _text.Dispose();
    }

    // Blank lines carry no row.
    private async ValueTask<bool> NextRecordAsync(CancellationToken cancellationToken)
    {
        while (await _csv!.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!IsBlank(_csv.Current))
            {
                return true;
            }
        }

        return false;
    }

    private bool NextRecord()
    {
        while (_csv!.MoveNext())
        {
            if (!IsBlank(_csv.Current))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsBlank(SepReader.Row row)
    {
        _lastLine = LineOf(row);
        return row.ColCount == 1 && row[0].Span.IsWhiteSpace();
    }

    /// <summary>1-based physical line where the row starts (Sep reports the first row's end line; it starts on line 1).</summary>
    internal static long LineOf(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    private TraceRow ParseRow(SepReader.Row csv, TraceColumns c)
    {
        var line = LineOf(csv);
        if (csv.ColCount != c.Count)
        {
            throw new TraceFormatException(line, null, $"expected {c.Count} fields as in the header, found {csv.ColCount}");
        }

        // Fields are checked in column order, so the first bad one is the one reported.
        var names = c.Names;
        var time = Time(csv[c.Time].Span, line, names[c.Time]);
        var cloud = TraceFieldParser.Cloud(csv[c.Cloud].Span, line, names[c.Cloud]);
        var account = TraceFieldParser.Required(csv[c.Account].Span, line, names[c.Account]);
        var region = TraceFieldParser.Required(csv[c.Region].Span, line, names[c.Region]);
        var instance = TraceFieldParser.Required(csv[c.Instance].Span, line, names[c.Instance]);
        var type = TraceFieldParser.Required(csv[c.Type].Span, line, names[c.Type]);
        var state = TraceFieldParser.State(csv[c.State].Span, line, names[c.State]);
        var price = TraceFieldParser.Price(csv[c.UsdPerHour].Span, line, names[c.UsdPerHour]);
        var gpu = TraceFieldParser.Percent(csv[c.GpuUtil].Span, line, names[c.GpuUtil]);
        var cpu = TraceFieldParser.Percent(csv[c.CpuUtil].Span, line, names[c.CpuUtil]);
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
            previous.Tags(csv[c.Tags].Span.Trim(), _tags, line, names[c.Tags]));
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
