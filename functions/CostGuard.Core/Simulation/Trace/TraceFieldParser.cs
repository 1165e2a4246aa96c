using System.Globalization;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Simulation.Trace;

/// <summary>Parses single trace fields; each failure names the line and column.</summary>
internal static class TraceFieldParser
{
    public static DateTimeOffset Time(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (IsoTime.TryParseCanonical(text, out var fast))
        {
            return fast;
        }

        if (text.IsEmpty)
        {
            throw new TraceFormatException(line, column, "the time is empty");
        }

        var value = text.ToString();
        if (IsoTime.TryParseZoned(value, out var time))
        {
            return time;
        }

        if (IsoTime.TryParseLenient(value, out _))
        {
            throw new TraceFormatException(line, column, $"time '{value}' has no zone; write UTC with Z, e.g. 2026-11-02T18:05:00Z");
        }

        throw new TraceFormatException(line, column, $"'{value}' is not an ISO-8601 time such as 2026-11-02T18:05:00Z");
    }

    public static CloudKind Cloud(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (text.Equals("aws", StringComparison.OrdinalIgnoreCase))
        {
            return CloudKind.Aws;
        }

        if (text.Equals("azure", StringComparison.OrdinalIgnoreCase))
        {
            return CloudKind.Azure;
        }

        throw new TraceFormatException(line, column, $"'{text}' is not a cloud; expected aws or azure");
    }

    public static TraceState State(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (text.Equals("running", StringComparison.OrdinalIgnoreCase))
        {
            return TraceState.Running;
        }

        if (text.Equals("stopped", StringComparison.OrdinalIgnoreCase))
        {
            return TraceState.Stopped;
        }

        if (text.Equals("terminated", StringComparison.OrdinalIgnoreCase))
        {
            return TraceState.Terminated;
        }

        throw new TraceFormatException(line, column, $"'{text}' is not a state; expected running, stopped or terminated");
    }

    public static decimal Price(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (TryParsePlainDecimal(text, out var mantissa, out var scale))
        {
            return new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, scale);
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new TraceFormatException(line, column, $"'{text}' is not a non-negative decimal USD amount");
        }

        return value;
    }

    /// <summary>Empty means no datapoint (not zero).</summary>
    public static double? Percent(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (TryParsePlainDecimal(text, out var mantissa, out var scale) && mantissa <= 100 * Pow10[scale])
        {
            return mantissa / (double)Pow10[scale];
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 100)
        {
            throw new TraceFormatException(line, column, $"'{text}' is not a percentage between 0 and 100 (leave it empty for no datapoint)");
        }

        return value;
    }

    public static ReadOnlySpan<char> Required(ReadOnlySpan<char> text, long line, string column)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            throw new TraceFormatException(line, column, "the value is empty");
        }

        return text;
    }

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    // Digits with at most one point and at most 8 decimals (what exports write), parsed without the general parser.
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out long mantissa, out byte scale)
    {
        mantissa = 0;
        scale = 0;
        if (s.IsEmpty || s.Length > 17)
        {
            return false;
        }

        var point = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '.' && point < 0 && i > 0 && i < s.Length - 1)
            {
                point = i;
            }
            else if (char.IsAsciiDigit(c))
            {
                mantissa = (mantissa * 10) + (c - '0');
            }
            else
            {
                return false;
            }
        }

        var decimals = point < 0 ? 0 : s.Length - point - 1;
        if (decimals >= Pow10.Length)
        {
            return false;
        }

        scale = (byte)decimals;
        return true;
    }
}
