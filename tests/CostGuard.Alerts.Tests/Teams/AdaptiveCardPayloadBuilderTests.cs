using System.Text;
using System.Text.Json.Nodes;
using CostGuard.Alerts.Teams;

namespace CostGuard.Alerts.Tests.Teams;

public sealed class AdaptiveCardPayloadBuilderTests
{
    private static readonly string[] ElementsUpTo14 = ["TextBlock", "FactSet", "Container"];

    [Fact]
    public void Build_SingleItem_MessageWithOneAdaptiveCardAttachment()
    {
        var body = AdaptiveCardPayloadBuilder.Build(MessageSamples.Single());

        Assert.Equal("message", body["type"]!.GetValue<string>());
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(attachment.AsObject().ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var card = attachment["content"]!;
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.True(Version.Parse(card["version"]!.GetValue<string>()) <= new Version(1, 5));
        Assert.False(string.IsNullOrWhiteSpace(card["fallbackText"]!.GetValue<string>()));
        Assert.Equal("Full", card["msteams"]!["width"]!.GetValue<string>());
    }

    [Fact]
    public void Build_SingleItem_TitleWhatWhyFactsAndExemptionHowTo()
    {
        var card = Card(AdaptiveCardPayloadBuilder.Build(MessageSamples.Single()));

        var body = card["body"]!.AsArray();
        Assert.Equal("Idle GPU instance stopped", body[0]!["text"]!.GetValue<string>());
        Assert.Equal("Bolder", body[0]!["weight"]!.GetValue<string>());
        var facts = body.Single(e => e!["type"]!.GetValue<string>() == "FactSet")!["facts"]!.AsArray()
            .ToDictionary(f => f!["title"]!.GetValue<string>(), f => f!["value"]!.GetValue<string>());
        Assert.Equal("AWS 123456789012", facts["Account"]);
        Assert.Equal("i-0abc1234def567890", facts["Instance"]);
        Assert.Equal("p4d.24xlarge", facts["Type"]);
        Assert.Equal("alice", facts["Owner"]);
        Assert.Equal("$32.77/h", facts["Cost per hour"]);
        var texts = string.Join('\n', body.Where(e => e!["type"]!.GetValue<string>() == "TextBlock").Select(e => e!["text"]!.GetValue<string>()));
        Assert.Contains("**What was done:** Stopped", texts, StringComparison.Ordinal);
        Assert.Contains("**Why:** Idle detail", texts, StringComparison.Ordinal);
        Assert.Contains("costguard:exempt-until=", texts, StringComparison.Ordinal);
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.StartsWith("https://us-east-1.console.aws.amazon.com/ec2/home", action["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AzureVm_LinksToThePortal()
    {
        var vm = Samples.Instance() with
        {
            Cloud = CostGuard.Policies.CloudKind.Azure,
            Id = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/ml/providers/Microsoft.Compute/virtualMachines/gpu-train-01",
        };
        var item = MessageSamples.IdleStop() with { Instance = vm };

        var card = Card(AdaptiveCardPayloadBuilder.Build(MessageSamples.Single(item)));

        Assert.Equal(
            "https://portal.azure.com/#@/resource/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/ml/providers/Microsoft.Compute/virtualMachines/gpu-train-01",
            card["actions"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Build_Digest_OneContainerPerTopItemAndMoreLine()
    {
        var card = Card(AdaptiveCardPayloadBuilder.Build(MessageSamples.Digest(count: 25, top: 10)));

        var body = card["body"]!.AsArray();
        Assert.Equal("CostGuard: 25 alerts", body[0]!["text"]!.GetValue<string>());
        Assert.Equal(10, body.Count(e => e!["type"]!.GetValue<string>() == "Container"));
        Assert.Contains(body, e => e!["text"]?.GetValue<string>().Contains("15 more", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300)]
    public void Build_AnySize_OnlyKnownElementsRequiredFieldsAndUnder28KB(int count)
    {
        var message = count == 1 ? MessageSamples.Single() : MessageSamples.Digest(count, top: 40);

        var payload = AdaptiveCardPayloadBuilder.Build(message);

        Assert.InRange(Encoding.UTF8.GetByteCount(payload.ToJsonString()), 1, 28 * 1024);
        foreach (var element in Elements(Card(payload)["body"]!.AsArray()))
        {
            var type = element["type"]!.GetValue<string>();
            Assert.Contains(type, ElementsUpTo14);
            Assert.False(element.AsObject().ContainsKey("style"), "TextBlock style 'heading' needs card version 1.5");
            switch (type)
            {
                case "TextBlock":
                    Assert.False(string.IsNullOrEmpty(element["text"]!.GetValue<string>()));
                    break;
                case "FactSet":
                    Assert.All(element["facts"]!.AsArray(), f =>
                    {
                        Assert.False(string.IsNullOrEmpty(f!["title"]!.GetValue<string>()));
                        Assert.False(string.IsNullOrEmpty(f["value"]!.GetValue<string>()));
                    });
                    break;
                case "Container":
                    Assert.NotEmpty(element["items"]!.AsArray());
                    break;
            }
        }
    }

    private static JsonNode Card(JsonObject payload) => payload["attachments"]![0]!["content"]!;

    private static IEnumerable<JsonNode> Elements(JsonArray items)
    {
        foreach (var item in items.Select(i => i!))
        {
            yield return item;
            if (item["items"] is JsonArray inner)
            {
                foreach (var nested in Elements(inner))
                {
                    yield return nested;
                }
            }
        }
    }
}
