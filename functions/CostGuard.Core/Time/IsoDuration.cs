using System.Globalization;
using System.Text;

namespace CostGuard.Time;

/// <summary>
/// ISO-8601 durations limited to weeks, days, hours, minutes and seconds. Months and years are rejected:
/// their length varies, and a cost guard's grace periods must mean the same thing every month.
/// </summary>
public static class IsoDuration
{
    /// <summary>Parses <c>PT30M</c>, <c>P7D</c>, <c>P2W</c>, <c>P1DT12H</c>, <c>PT0.5S</c>...; on failure says why.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrEmpty(text) || text[0] != 'P' || text.Length < 3)
        {
            error = "expected an ISO-8601 duration such as PT30M, P7D or P1DT12H";
            return false;
        }

        var inTime = false;
        var seenAny = false;
        var total = TimeSpan.Zero;
        var number = new StringBuilder();
        var lastOrder = -1;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == 'T')
            {
                if (inTime || number.Length > 0 || i == text.Length - 1)
                {
                    error = "misplaced 'T' (write e.g. PT30M or P1DT12H)";
                    return false;
                }

                inTime = true;
                continue;
            }

            if (char.IsAsciiDigit(c) || c == '.' || c == ',')
            {
                number.Append(c == ',' ? '.' : c);
                continue;
            }

            if (number.Length == 0)
            {
                error = $"'{c}' has no number before it";
                return false;
            }

            if (!decimal.TryParse(number.ToString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                error = $"'{number}' is not a number";
                return false;
            }

            number.Clear();
            (int order, TimeSpan unit)? designator = (c, inTime) switch
            {
                ('Y', false) => null,
                ('M', false) => null,
                ('W', false) => (0, TimeSpan.FromDays(7)),
                ('D', false) => (1, TimeSpan.FromDays(1)),
                ('H', true) => (2, TimeSpan.FromHours(1)),
                ('M', true) => (3, TimeSpan.FromMinutes(1)),
                ('S', true) => (4, TimeSpan.FromSeconds(1)),
                _ => (-1, TimeSpan.Zero),
            };

            if (designator is null)
            {
                error = "months and years are not allowed because their length varies; use weeks, days or hours (e.g. P30D)";
                return false;
            }

            if (designator.Value.order < 0)
            {
                error = $"unexpected '{c}'{(inTime ? " after 'T'" : " before 'T'")} (hours, minutes and seconds follow 'T')";
                return false;
            }

            if (designator.Value.order <= lastOrder)
            {
                error = "designators must appear once each, in the order W, D, T, H, M, S";
                return false;
            }

            lastOrder = designator.Value.order;
            try
            {
                total += TimeSpan.FromTicks(checked((long)(amount * designator.Value.unit.Ticks)));
            }
            catch (OverflowException)
            {
                error = "duration is too long";
                return false;
            }

            seenAny = true;
        }

        if (number.Length > 0 || !seenAny)
        {
            error = "the duration ends without a designator (e.g. write PT30M, not PT30)";
            return false;
        }

        value = total;
        return true;
    }

    /// <summary>Formats a duration in ISO-8601 (days, hours, minutes, seconds).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "PT0S";
        }

        var sb = new StringBuilder("P");
        if (value.Days > 0)
        {
            sb.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (value.Hours > 0 || value.Minutes > 0 || value.Seconds > 0 || value.Milliseconds > 0)
        {
            sb.Append('T');
            if (value.Hours > 0)
            {
                sb.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (value.Minutes > 0)
            {
                sb.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (value.Seconds > 0 || value.Milliseconds > 0)
            {
                var seconds = value.Seconds + (value.Milliseconds / 1000m);
                sb.Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return sb.ToString();
    }

    /// <summary>A short human form: "30 min", "4 h", "7 days", "1 day 12 h".</summary>
    public static string Describe(TimeSpan value)
    {
        if (value.TotalMinutes < 60)
        {
            return $"{value.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} min";
        }

        if (value.TotalHours < 24)
        {
            return $"{value.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h";
        }

        var days = (int)value.TotalDays;
        var rest = value - TimeSpan.FromDays(days);
        var dayText = days == 1 ? "1 day" : $"{days} days";
        return rest == TimeSpan.Zero ? dayText : $"{dayText} {Describe(rest)}";
    }
}
