using System.Globalization;

namespace CostGuard.Time;

/// <summary>ISO-8601 timestamps as CostGuard writes and reads them: always UTC, always with <c>Z</c>.</summary>
public static class IsoTime
{
    private static readonly string[] LenientFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>Formats as <c>2026-11-02T18:05:00Z</c> (fractions only when present).</summary>
    public static string Format(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses an ISO-8601 time as people write them in tags: with or without zone (none means UTC),
    /// or a date alone (00:00 UTC). Returns false for anything else.
    /// </summary>
    public static bool TryParseLenient(string? text, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TryParseCanonical(text, out time))
        {
            return true;
        }

        return DateTimeOffset.TryParseExact(
            text.Trim(),
            LenientFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
    }

    /// <summary>Parses a time that must carry a zone (<c>Z</c> or an offset), as trace rows do.</summary>
    public static bool TryParseZoned(string text, out DateTimeOffset time)
    {
        time = default;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 11 || !(trimmed[^1] is 'Z' or 'z' || HasOffset(trimmed)))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(
            trimmed,
            ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK"],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal,
            out time);
    }

    /// <summary>First instant of the UTC month containing <paramref name="time"/>.</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The UTC month as <c>yyyy-MM</c>, used in once-per-month alert keys.</summary>
    public static string MonthKey(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool HasOffset(ReadOnlySpan<char> text)
    {
        // An offset looks like +hh:mm / -hh:mm at the end, after the time part.
        return text.Length >= 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':';
    }

    /// <summary>
    /// Parses exactly <c>yyyy-MM-ddTHH:mm:ssZ</c>, the form CostGuard writes (orphan marks, exports, traces), without
    /// the general-purpose parser: sweeps read every orphan mark on every pass. False for any other form.
    /// </summary>
    public static bool TryParseCanonical(ReadOnlySpan<char> s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s[5..7], out var month) || !TryDigits(s[8..10], out var day)
            || !TryDigits(s[11..13], out var hour) || !TryDigits(s[14..16], out var minute) || !TryDigits(s[17..19], out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
