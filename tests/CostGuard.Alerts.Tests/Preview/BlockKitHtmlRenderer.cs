using System.Text;
using System.Text.Json.Nodes;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>
/// Renders a Slack webhook body (Block Kit) as HTML that looks like Slack's message view, so reviewers see what users
/// see. Covers the blocks the notifier uses (header, section with text and fields, context, divider) and fails loudly
/// on any other, so the preview can never silently drop content.
/// </summary>
internal static class BlockKitHtmlRenderer
{
    public static string Render(JsonObject payload, string time)
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"slack-message\"><div class=\"avatar\">CG</div><div class=\"content\">");
        sb.Append($"<div class=\"meta\"><span class=\"app\">CostGuard</span><span class=\"badge\">APP</span><span class=\"time\">{HtmlText.Escape(time)}</span></div>");
        foreach (var block in payload["blocks"]!.AsArray().Select(b => b!))
        {
            sb.Append(Block(block));
        }

        sb.Append("</div></div>");
        sb.Append($"<div class=\"fallback\"><span>Notification / fallback text:</span> {HtmlText.Escape(payload["text"]!.GetValue<string>())}</div>");
        return PreviewPage.Wrap("Slack preview", sb.ToString(), PreviewPage.SlackCss);
    }

    private static string Block(JsonNode block) => block["type"]!.GetValue<string>() switch
    {
        "header" => $"<div class=\"header\">{HtmlText.Emojify(HtmlText.Escape(block["text"]!["text"]!.GetValue<string>()))}</div>",
        "section" => Section(block),
        "context" => $"<div class=\"context\">{string.Join("<span class=\"sep\"></span>", block["elements"]!.AsArray().Select(e => $"<span>{HtmlText.Mrkdwn(e!["text"]!.GetValue<string>())}</span>"))}</div>",
        "divider" => "<hr class=\"divider\">",
        "actions" => $"<div class=\"actions\">{string.Concat(block["elements"]!.AsArray().Select(e => $"<a class=\"button\" href=\"{HtmlText.Escape(e!["url"]!.GetValue<string>())}\">{HtmlText.Escape(e["text"]!["text"]!.GetValue<string>())}</a>"))}</div>",
        var other => throw new NotSupportedException($"preview cannot render block type '{other}'"),
    };

    private static string Section(JsonNode block)
    {
        var sb = new StringBuilder("<div class=\"section\">");
        if (block["text"] is { } text)
        {
            sb.Append($"<div class=\"text\">{HtmlText.Mrkdwn(text["text"]!.GetValue<string>())}</div>");
        }

        if (block["fields"] is JsonArray fields)
        {
            sb.Append("<div class=\"fields\">");
            foreach (var field in fields)
            {
                sb.Append($"<div class=\"field\">{HtmlText.Mrkdwn(field!["text"]!.GetValue<string>())}</div>");
            }

            sb.Append("</div>");
        }

        return sb.Append("</div>").ToString();
    }
}
