using CostGuard.Alerts.Messages;

namespace CostGuard.Alerts.Slack;

/// <summary>Slack mrkdwn: &amp;, &lt; and &gt; must be escaped or Slack reads them as links and mentions.</summary>
internal static class SlackText
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A field "*Title*\nvalue", inside the 2,000-character field limit.</summary>
    public static string Field(string title, string value) => Cut($"*{title}*\n{Escape(value)}", SlackLimits.FieldText);

    /// <summary>
    /// Cuts already-escaped mrkdwn to <paramref name="max"/> characters with the visible marker, never inside an
    /// entity: a cut <c>&amp;am</c> would show as text, a cut <c>&lt;</c> could reopen a link.
    /// </summary>
    public static string Cut(string mrkdwn, int max)
    {
        if (mrkdwn.Length <= max)
        {
            return mrkdwn;
        }

        var cut = ChatText.Truncate(mrkdwn, max);
        var kept = cut.Length - ChatText.Marker.Length;
        var amp = mrkdwn.LastIndexOf('&', Math.Max(0, kept - 1));
        if (amp >= 0 && amp >= kept - 4 && mrkdwn.IndexOf(';', amp) >= kept)
        {
            return string.Concat(mrkdwn.AsSpan(0, amp), ChatText.Marker);
        }

        return cut;
    }
}
