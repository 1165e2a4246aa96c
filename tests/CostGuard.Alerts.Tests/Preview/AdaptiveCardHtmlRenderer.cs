using System.Text;
using System.Text.Json.Nodes;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>
/// Renders a Teams Workflows body (an Adaptive Card in a message attachment) as HTML that looks like a card in a Teams
/// channel. Covers the elements the notifier uses (TextBlock, FactSet, Container) and fails loudly on any other.
/// </summary>
internal static class AdaptiveCardHtmlRenderer
{
    public static string Render(JsonObject payload, string time)
    {
        var card = payload["attachments"]![0]!["content"]!;
        var sb = new StringBuilder();
        sb.Append("<div class=\"teams-post\"><div class=\"avatar\">W</div><div class=\"post\">");
        sb.Append($"<div class=\"meta\"><span class=\"app\">Workflows</span><span class=\"via\">CostGuard via webhook</span><span class=\"time\">{HtmlText.Escape(time)}</span></div>");
        sb.Append($"<div class=\"card\" data-version=\"{HtmlText.Escape(card["version"]!.GetValue<string>())}\">");
        foreach (var element in card["body"]!.AsArray().Select(e => e!))
        {
            sb.Append(Element(element));
        }

        if (card["actions"] is JsonArray { Count: > 0 } actions)
        {
            sb.Append("<div class=\"actions\">");
            foreach (var action in actions.Select(a => a!))
            {
                if (action["type"]!.GetValue<string>() != "Action.OpenUrl")
                {
                    throw new NotSupportedException($"preview cannot render action type '{action["type"]}'");
                }

                sb.Append($"<a class=\"button\" href=\"{HtmlText.Escape(action["url"]!.GetValue<string>())}\">{HtmlText.Escape(action["title"]!.GetValue<string>())}</a>");
            }

            sb.Append("</div>");
        }

        sb.Append("</div></div></div>");
        return PreviewPage.Wrap("Teams preview", sb.ToString(), PreviewPage.TeamsCss);
    }

    private static string Element(JsonNode element) => element["type"]!.GetValue<string>() switch
    {
        "TextBlock" => TextBlock(element),
        "FactSet" => FactSet(element),
        "Container" => Container(element),
        var other => throw new NotSupportedException($"preview cannot render element type '{other}'"),
    };

    private static string TextBlock(JsonNode element)
    {
        var classes = new List<string> { "tb" };
        if (element["weight"]?.GetValue<string>() == "Bolder")
        {
            classes.Add("bold");
        }

        if (element["size"]?.GetValue<string>() is { } size)
        {
            classes.Add($"size-{size.ToLowerInvariant()}");
        }

        if (element["color"]?.GetValue<string>() is { } color)
        {
            classes.Add($"color-{color.ToLowerInvariant()}");
        }

        if (element["spacing"]?.GetValue<string>() == "None")
        {
            classes.Add("tight");
        }

        if (element["isSubtle"]?.GetValue<bool>() == true)
        {
            classes.Add("subtle");
        }

        return $"<div class=\"{string.Join(' ', classes)}\">{HtmlText.CardMarkdown(element["text"]!.GetValue<string>())}</div>";
    }

    private static string FactSet(JsonNode element)
    {
        var sb = new StringBuilder("<table class=\"facts\">");
        foreach (var fact in element["facts"]!.AsArray())
        {
            sb.Append($"<tr><th>{HtmlText.Escape(fact!["title"]!.GetValue<string>())}</th><td>{HtmlText.CardMarkdown(fact["value"]!.GetValue<string>())}</td></tr>");
        }

        return sb.Append("</table>").ToString();
    }

    private static string Container(JsonNode element)
    {
        var separator = element["separator"]?.GetValue<bool>() == true ? " separator" : string.Empty;
        var items = string.Concat(element["items"]!.AsArray().Select(e => Element(e!)));
        return $"<div class=\"container{separator}\">{items}</div>";
    }
}
