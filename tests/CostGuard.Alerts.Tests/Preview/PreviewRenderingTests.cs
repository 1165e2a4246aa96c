using System.Text.Json.Nodes;

namespace CostGuard.Alerts.Tests.Preview;

/// <summary>The HTML previews, checked without a browser. The PNGs in .github/docs/alerts are screenshots of these pages.</summary>
public sealed class PreviewRenderingTests
{
    [Fact]
    public async Task Render_SlackSingle_ShowsHeaderFactsHowToAndFallback()
    {
        var (slack, _) = await PreviewSet.CaptureAsync(single: true);

        var html = BlockKitHtmlRenderer.Render(slack, PreviewSet.Time);

        Assert.Contains("<div class=\"header\">ℹ️ Idle GPU instance stopped</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"field\"><strong>Owner</strong><br>alice</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"field\"><strong>Cost per hour</strong><br>$32.77/h</div>", html, StringComparison.Ordinal);
        Assert.Contains("costguard:exempt-until=", html, StringComparison.Ordinal);
        Assert.Contains("class=\"fallback\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("*Owner*", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_SlackDigest_ShowsCountItemsAndMore()
    {
        var (slack, _) = await PreviewSet.CaptureAsync(single: false);

        var html = BlockKitHtmlRenderer.Render(slack, PreviewSet.Time);

        Assert.Contains("CostGuard: 13 alerts", html, StringComparison.Ordinal);
        Assert.Equal(11, CountOf(html, "<div class=\"section\">"));
        Assert.Contains("<code>i-0exempt0000000001</code> p5.48xlarge · owner <strong>dana</strong> · $98.32/h", html, StringComparison.Ordinal);
        Assert.Contains("<strong>3 more</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TeamsSingleAndDigest_ShowTitleFactTablesAndContainers()
    {
        var (_, single) = await PreviewSet.CaptureAsync(single: true);
        var (_, digest) = await PreviewSet.CaptureAsync(single: false);

        var singleHtml = AdaptiveCardHtmlRenderer.Render(single, PreviewSet.Time);
        var digestHtml = AdaptiveCardHtmlRenderer.Render(digest, PreviewSet.Time);

        Assert.Contains("data-version=\"1.4\"", singleHtml, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Owner</th><td>alice</td></tr>", singleHtml, StringComparison.Ordinal);
        Assert.Contains("<strong>What was done:</strong>", singleHtml, StringComparison.Ordinal);
        Assert.Equal(10, CountOf(digestHtml, "<div class=\"container separator\">"));
        Assert.Contains("3 more", digestHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HostileValues_AreEscaped()
    {
        var payload = JsonNode.Parse("""
            {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":
            {"type":"AdaptiveCard","version":"1.4","body":[{"type":"TextBlock","text":"<script>alert(1)</script>"}]}}]}
            """)!.AsObject();

        var html = AdaptiveCardHtmlRenderer.Render(payload, "now");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownBlockType_FailsInsteadOfDroppingContent()
    {
        var payload = JsonNode.Parse("""{"text":"x","blocks":[{"type":"image","image_url":"https://example.com/a.png"}]}""")!.AsObject();

        Assert.Throws<NotSupportedException>(() => BlockKitHtmlRenderer.Render(payload, "now"));
    }

    [Fact]
    public async Task WritePreviews_AllMessageTypes_WritesHtmlPagesForScreenshots()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "previews");
        Directory.CreateDirectory(dir);

        foreach (var (name, html) in await PreviewSet.HtmlPagesAsync())
        {
            var file = Path.Combine(dir, name + ".html");
            await File.WriteAllTextAsync(file, html);
            Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.Equal(4, Directory.GetFiles(dir, "*.html").Length);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
