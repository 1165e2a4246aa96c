using System.Text.Json.Nodes;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Slack;

namespace CostGuard.Alerts.Tests.Slack;

public sealed class SlackPayloadBuilderTests
{
    [Fact]
    public void Build_SingleItem_HeaderWhatWhyFactFieldsHowToAndFallbackText()
    {
        var body = SlackPayloadBuilder.Build(MessageSamples.Single());

        var blocks = body["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "section", "actions", "context", "context"], blocks.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("plain_text", blocks[0]!["text"]!["type"]!.GetValue<string>());
        Assert.Contains("Idle GPU instance stopped", blocks[0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var whatWhy = blocks[1]!["text"]!["text"]!.GetValue<string>();
        Assert.Contains("*What was done:* Stopped", whatWhy, StringComparison.Ordinal);
        Assert.Contains("*Why:* Idle detail for i-0abc1234def567890", whatWhy, StringComparison.Ordinal);
        var fields = blocks[2]!["fields"]!.AsArray().Select(f => f!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("*Account*\nAWS 123456789012", fields);
        Assert.Contains("*Instance*\ni-0abc1234def567890", fields);
        Assert.Contains("*Type*\np4d.24xlarge", fields);
        Assert.Contains("*Owner*\nalice", fields);
        Assert.Contains("*Cost per hour*\n$32.77/h", fields);
        var button = Assert.Single(blocks[3]!["elements"]!.AsArray())!;
        Assert.Equal("button", button["type"]!.GetValue<string>());
        Assert.Equal("https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#InstanceDetails:instanceId=i-0abc1234def567890", button["url"]!.GetValue<string>());
        var howTo = blocks[4]!["elements"]![0]!["text"]!.GetValue<string>();
        Assert.Contains("costguard:exempt-until=2026-11-27T12:00:00Z", howTo, StringComparison.Ordinal);
        Assert.Contains("14 days (P14D)", howTo, StringComparison.Ordinal);
        var text = body["text"]!.GetValue<string>();
        Assert.Contains("Idle GPU instance stopped: i-0abc1234def567890 (p4d.24xlarge, owner alice, $32.77/h)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Digest_CountSummaryTopItemsAndMore()
    {
        var body = SlackPayloadBuilder.Build(MessageSamples.Digest(count: 25, top: 10));

        var blocks = body["blocks"]!.AsArray();
        Assert.Contains("25 alerts", blocks[0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("22 × Idle GPU instance stopped", blocks[1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var itemSections = blocks.Where(b => b!["type"]!.GetValue<string>() == "section").Skip(1).ToList();
        Assert.Equal(10, itemSections.Count);
        Assert.All(itemSections, s => Assert.Null(s!["fields"]));
        Assert.StartsWith(":rotating_light: *Monthly GPU cap reached* · AWS 123456789012\n_", itemSections[0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(":warning: *GPU instance stopped: hourly burn cap* · `i-0burn000000000001` p5.48xlarge · owner *bob* · $40.97/h · AWS 123456789012\n_", itemSections[1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(blocks, b => b!["type"]!.GetValue<string>() == "context" && b.ToJsonString().Contains("15 more", StringComparison.Ordinal));
        Assert.StartsWith("CostGuard (gpu-guard): 25 alerts", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(300)]
    public void Build_AnySize_StaysWithinBlockKitLimits(int count)
    {
        var message = count == 1 ? MessageSamples.Single() : MessageSamples.Digest(count, top: 40);

        var body = SlackPayloadBuilder.Build(message);

        var blocks = body["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        Assert.InRange(body["text"]!.GetValue<string>().Length, 1, 4000);
        foreach (var block in blocks.Select(b => b!))
        {
            switch (block["type"]!.GetValue<string>())
            {
                case "header":
                    Assert.InRange(block["text"]!["text"]!.GetValue<string>().Length, 1, 150);
                    break;
                case "section":
                    Assert.True(block["text"] is not null || block["fields"] is not null);
                    Assert.InRange(block["text"]?["text"]?.GetValue<string>().Length ?? 0, 0, 3000);
                    Assert.InRange(block["fields"]?.AsArray().Count ?? 0, 0, 10);
                    Assert.All(block["fields"]?.AsArray() ?? [], f => Assert.InRange(f!["text"]!.GetValue<string>().Length, 1, 2000));
                    break;
                case "context":
                    Assert.InRange(block["elements"]!.AsArray().Count, 1, 10);
                    break;
                case "divider":
                    break;
                case "actions":
                    Assert.All(block["elements"]!.AsArray(), e => Assert.InRange(e!["url"]!.GetValue<string>().Length, 1, 3000));
                    break;
                default:
                    Assert.Fail($"unexpected block type {block["type"]}");
                    break;
            }
        }
    }

    [Fact]
    public void Build_ValuesWithMrkdwnControlCharacters_AreEscaped()
    {
        var item = MessageSamples.IdleStop() with { Owner = "<!channel> & co", Why = "GPU <5% for 30 min" };

        var json = SlackPayloadBuilder.Build(MessageSamples.Single(item)).ToJsonString();
        var node = JsonNode.Parse(json)!;

        var texts = node["blocks"]!.AsArray().SelectMany(b => b!.ToJsonString().Split('"')).ToList();
        Assert.DoesNotContain(texts, t => t.Contains("<!channel>", StringComparison.Ordinal));
        Assert.Contains(node["blocks"]![2]!["fields"]!.AsArray(), f => f!["text"]!.GetValue<string>() == "*Owner*\n&lt;!channel&gt; &amp; co");
    }

    [Fact]
    public void Build_VeryLongReason_IsTruncatedNotRejected()
    {
        var item = MessageSamples.IdleStop() with { Why = new string('x', 10_000), Title = new string('T', 400) };

        var body = SlackPayloadBuilder.Build(MessageSamples.Single(item));

        var header = body["blocks"]![0]!["text"]!["text"]!.GetValue<string>();
        Assert.Equal(150, header.Length);
        Assert.EndsWith(ChatText.Marker, header, StringComparison.Ordinal);
        Assert.Contains(ChatText.Marker, body["blocks"]![1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(body["text"]!.GetValue<string>().Length <= FallbackText.MaxLength);
        Assert.Contains(ChatText.Marker, body["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
