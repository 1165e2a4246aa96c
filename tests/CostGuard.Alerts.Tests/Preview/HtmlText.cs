using System.Net;
using System.Text.RegularExpressions;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>Markup helpers for the previews: HTML escaping, Slack mrkdwn and Adaptive Card markdown, emoji shortcodes.</summary>
internal static partial class HtmlText
{
    private static readonly Dictionary<string, string> Emoji = new(StringComparer.Ordinal)
    {
        [":rotating_light:"] = "🚨",
        [":warning:"] = "⚠️",
        [":information_source:"] = "ℹ️",
        [":bulb:"] = "💡",
    };

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static string Emojify(string html)
    {
        foreach (var (code, glyph) in Emoji)
        {
            html = html.Replace(code, glyph, StringComparison.Ordinal);
        }

        return html;
    }

    /// <summary>
    /// Slack mrkdwn to HTML. Slack text arrives with &amp;, &lt;, &gt; already escaped (as the API requires),
    /// so only quotes need escaping before *bold*, _italic_ and `code` become tags.
    /// </summary>
    public static string Mrkdwn(string text)
    {
        var html = text.Replace("\"", "&quot;", StringComparison.Ordinal);
        html = SlackCode().Replace(html, "<code>$1</code>");
        html = SlackBold().Replace(html, "<strong>$1</strong>");
        html = SlackItalic().Replace(html, "<em>$1</em>");
        return Emojify(html.Replace("\n", "<br>", StringComparison.Ordinal));
    }

    /// <summary>Adaptive Card TextBlock markdown (a subset): **bold**, *italic*, `code`.</summary>
    public static string CardMarkdown(string text)
    {
        var html = Escape(text);
        html = SlackCode().Replace(html, "<code>$1</code>");
        html = CardBold().Replace(html, "<strong>$1</strong>");
        html = CardItalic().Replace(html, "<em>$1</em>");
        return html.Replace("\n", "<br>", StringComparison.Ordinal);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex SlackCode();

    [GeneratedRegex(@"(?<![\w*])\*([^*\n]+)\*(?![\w*])")]
    private static partial Regex SlackBold();

    [GeneratedRegex(@"(?<![\w_])_([^_\n]+)_(?![\w_])")]
    private static partial Regex SlackItalic();

    [GeneratedRegex(@"\*\*([^*\n]+)\*\*")]
    private static partial Regex CardBold();

    [GeneratedRegex(@"(?<![\w*])\*([^*\n]+)\*(?![\w*])")]
    private static partial Regex CardItalic();
}
