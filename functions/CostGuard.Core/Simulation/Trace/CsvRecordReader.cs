namespace CostGuard.Simulation.Trace;

/// <summary>
/// Reads RFC 4180 CSV records one at a time: quoted fields may hold commas, doubled quotes and line breaks.
/// Text is read in large blocks and records without quotes (nearly all of a trace) are split in place, so a
/// row costs no allocation and only one await per block.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly List<(int Start, int Length)> _fields = new(16);
    private char[] _buffer = new char[1 << 17];
    private int _position;
    private int _end;
    private bool _eof;
    private long _nextLine = 1;

    // Fields point into the block buffer, or into an unquoted copy for records that had quotes.
    private char[] _text = [];

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>1-based physical line where the current record starts.</summary>
    public long Line { get; private set; }

    public int FieldCount => _fields.Count;

    public ReadOnlySpan<char> Field(int index)
    {
        var (start, length) = _fields[index];
        return _text.AsSpan(start, length);
    }

    /// <summary>Reads the next non-blank record; false at the end of the input.</summary>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var taken = TakeRecord();
            if (taken == Taken.Record)
            {
                return true;
            }

            if (taken == Taken.End)
            {
                return false;
            }

            if (taken == Taken.NeedMore)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Kept out of the async method so the scan runs on locals, not on the state machine's fields.
    private Taken TakeRecord()
    {
        var quotes = 0;
        var breaks = 0;
        var stop = -1;
        var i = _position;
        while (i < _end)
        {
            var next = _buffer.AsSpan(i, _end - i).IndexOfAny('"', '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (_buffer[i] == '"')
            {
                quotes++;
            }
            else if ((quotes & 1) == 0)
            {
                stop = i;
                break;
            }
            else
            {
                breaks++;
            }

            i++;
        }

        if (stop < 0)
        {
            if (!_eof)
            {
                return Taken.NeedMore;
            }

            if (_position >= _end)
            {
                return Taken.End;
            }

            if ((quotes & 1) != 0)
            {
                throw new TraceFormatException(_nextLine, null, "a quoted field is not closed before the end of the file");
            }

            stop = _end;
        }

        var start = _position;
        var length = stop - start;
        _position = Math.Min(stop + 1, _end);
        Line = _nextLine;
        _nextLine += breaks + 1;
        if (length > 0 && _buffer[start + length - 1] == '\r')
        {
            length--;
        }

        var record = _buffer.AsSpan(start, length);
        if (record.IsWhiteSpace())
        {
            return Taken.Blank;
        }

        if (quotes == 0)
        {
            SplitPlain(start, length);
        }
        else
        {
            SplitQuoted(record);
        }

        return Taken.Record;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        // Keep the unfinished record, at the start of the buffer (grown if one record fills it).
        var pending = _end - _position;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_position > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, pending);
        }

        _position = 0;
        _end = pending;
        var read = await _reader.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void SplitPlain(int start, int length)
    {
        _text = _buffer;
        _fields.Clear();
        var fieldStart = start;
        var stop = start + length;

        // Fields are short, so a plain loop beats a vectorized search per comma.
        for (var i = start; i < stop; i++)
        {
            if (_buffer[i] == ',')
            {
                _fields.Add((fieldStart, i - fieldStart));
                fieldStart = i + 1;
            }
        }

        _fields.Add((fieldStart, stop - fieldStart));
    }

    private void SplitQuoted(ReadOnlySpan<char> record)
    {
        var unquoted = new char[record.Length];
        var length = 0;
        var fieldStart = 0;
        var inQuotes = false;
        _fields.Clear();
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (inQuotes)
            {
                if (c != '"')
                {
                    unquoted[length++] = c;
                }
                else if (i + 1 < record.Length && record[i + 1] == '"')
                {
                    unquoted[length++] = '"';
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                _fields.Add((fieldStart, length - fieldStart));
                fieldStart = length;
            }
            else if (c != '\r')
            {
                unquoted[length++] = c;
            }
        }

        _fields.Add((fieldStart, length - fieldStart));
        _text = unquoted;
    }

    private enum Taken
    {
        Record,
        Blank,
        NeedMore,
        End,
    }
}
