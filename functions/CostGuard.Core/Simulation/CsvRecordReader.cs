using System.Text;

namespace CostGuard.Simulation;

/// <summary>
/// Reads RFC 4180 CSV records one at a time: quoted fields may hold commas, doubled quotes and line breaks.
/// Lines without quotes (nearly all of a trace) are split in place without copying.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly List<(int Start, int Length)> _fields = new(16);
    private readonly StringBuilder _unquoted = new();
    private string _text = "";
    private long _nextLine = 1;

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
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return false;
            }

            Line = _nextLine++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Contains('"', StringComparison.Ordinal))
            {
                await SplitQuotedAsync(line, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                SplitPlain(line);
            }

            return true;
        }
    }

    private void SplitPlain(string line)
    {
        _text = line;
        _fields.Clear();
        var start = 0;

        // Fields are short, so a plain loop beats a vectorized search per comma.
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == ',')
            {
                _fields.Add((start, i - start));
                start = i + 1;
            }
        }

        _fields.Add((start, line.Length - start));
    }

    private async ValueTask SplitQuotedAsync(string line, CancellationToken cancellationToken)
    {
        _unquoted.Clear();
        _fields.Clear();
        var fieldStart = 0;
        var inQuotes = false;
        var current = line;
        var i = 0;
        while (true)
        {
            if (i >= current.Length)
            {
                if (!inQuotes)
                {
                    break;
                }

                // A quoted field continues on the next physical line.
                var next = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new TraceFormatException(Line, null, "a quoted field is not closed before the end of the file");
                _nextLine++;
                _unquoted.Append('\n');
                current = next;
                i = 0;
                continue;
            }

            var c = current[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < current.Length && current[i + 1] == '"')
                    {
                        _unquoted.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                }
                else
                {
                    _unquoted.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == ',')
            {
                _fields.Add((fieldStart, _unquoted.Length - fieldStart));
                fieldStart = _unquoted.Length;
            }
            else
            {
                _unquoted.Append(c);
            }

            i++;
        }

        _fields.Add((fieldStart, _unquoted.Length - fieldStart));
        _text = _unquoted.ToString();
    }
}
