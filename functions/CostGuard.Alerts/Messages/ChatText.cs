using System.Globalization;
using System.Text;

namespace CostGuard.Alerts.Messages;

/// <summary>
/// Makes user-controlled text (tag values, ids, reasons quoting tags) safe to size before any channel formats it:
/// control characters become visible escapes (a newline cannot forge a line) and length is bounded with a marker.
/// </summary>
internal static class ChatText
{
    /// <summary>Shown where text was cut, so a reader knows there was more (the audit log has it all).</summary>
    public const string Marker = "…[truncated]";

    /// <summary>Owner, instance id, type, region, account: an Azure resource id is at most ~300 characters.</summary>
    public const int ValueMax = 300;

    /// <summary>Why / what was done / how to act: the engine's sentences are far shorter; tag values quoted in them are not.</summary>
    public const int SentenceMax = 1000;

    public static string Value(string text) => Bound(text, ValueMax);

    public static string Sentence(string text) => Bound(text, SentenceMax);

    /// <summary>Control characters made visible, then cut to <paramref name="max"/> characters with <see cref="Marker"/>.</summary>
    public static string Bound(string text, int max) => Truncate(Visible(text), max);

    /// <summary>Cuts to at most <paramref name="max"/> characters, marker included, never inside a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = Math.Max(0, max - Marker.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), Marker);
    }

    private static string Visible(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!NeedsEscape(c))
            {
                sb.Append(c);
                continue;
            }

            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return sb.ToString();
    }

    // C0/C1 controls, and the bidirectional overrides and isolates that reorder what a reader sees.
    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';
}
