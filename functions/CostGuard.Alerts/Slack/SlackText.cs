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
    public static string Field(string title, string value) => TextLimits.Truncate($"*{title}*\n{Escape(value)}", 2000);
}
