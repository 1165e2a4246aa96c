using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CostGuard.Alerts.Delivery;
using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Slack;
using CostGuard.Alerts.Teams;
using CostGuard.Alerts.Tests.Fakes;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Alerts.Tests.Hostile;

/// <summary>
/// Instance tags are written by whoever launches the instance. Whatever they hold, a message pings nobody, links
/// nowhere, forges no line, and stays inside each channel's limits so the alert is never lost.
/// </summary>
public sealed partial class HostileTagTests
{
    private const string Mention = "<!channel>";
    private const string SlackLink = "<https://evil.example|click here>";
    private const string MarkdownLink = "[Restart your job](https://evil.example/restart)";

    public static TheoryData<string> SlackHostileOwners() => [Mention, SlackLink, "<@U012AB3CD> & <#C123>", "a&b<c>d"];

    [Theory]
    [MemberData(nameof(SlackHostileOwners))]
    public void Slack_HostileOwner_EscapedInEveryMrkdwnFieldAndTheFallbackText(string owner)
    {
        var message = MessageSamples.Single(Idle(Samples.Instance(owner: owner)));

        var body = SlackPayloadBuilder.Build(message);
        var textOnly = JsonNode.Parse(PayloadRenderer.RenderSlackTextOnly(message))!;

        foreach (var (path, text) in PayloadWalk.Strings(body).Concat(PayloadWalk.Strings(textOnly)))
        {
            Assert.False(text.Contains('<', StringComparison.Ordinal) || text.Contains('>', StringComparison.Ordinal), $"{path} carries a raw < or >: {text}");
            Assert.DoesNotMatch(RawAmpersand(), text);
        }

        Assert.Contains(SlackText.Escape(owner), body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(SlackText.Escape(owner), textOnly["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_HostileDigest_FallbackTextIsEscapedToo()
    {
        var items = Enumerable.Range(0, 3).Select(i => Idle(Samples.Instance(id: $"i-{i}", owner: Mention))).ToList();
        var message = MessageSamples.Single() with { Items = items };

        var text = SlackPayloadBuilder.Build(message)["text"]!.GetValue<string>();

        Assert.DoesNotContain(Mention, text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Teams_MarkdownLinkInOwnerIdAndQuotedExemptionTag_NeverFormsALink()
    {
        var instance = Samples.Instance(id: "i-" + MarkdownLink, owner: MarkdownLink) with { Type = "**p4d**" };
        var exemption = Samples.Alert(AlertKind.ExemptionInvalid, AlertSeverity.Warning, instance) with
        {
            Message = $"Exemption tag costguard:exempt-until=\"{MarkdownLink}\" is not an ISO-8601 time; it is ignored.",
        };
        var policy = Samples.Policy();
        var single = MessageSamples.Single(AlertItemFactory.FromAlert(policy, exemption, null));
        var digest = MessageSamples.Single() with { Items = [single.Items[0], Idle(instance)] };

        foreach (var card in new[] { AdaptiveCardPayloadBuilder.Build(single), AdaptiveCardPayloadBuilder.Build(digest) })
        {
            var texts = CardTexts(card).ToList();
            Assert.NotEmpty(texts);
            foreach (var text in texts)
            {
                Assert.DoesNotMatch(MarkdownLinkPattern(), text);
                Assert.DoesNotContain("**p4d**", text, StringComparison.Ordinal);
            }

            Assert.Contains(texts, t => t.Contains(@"\[Restart your job\]\(https://evil.example/restart\)", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("alice\n**Why:** forged line")]
    [InlineData("alice\r\n> quoted")]
    [InlineData("alice\u202Eevil")]
    [InlineData("\u001B[31mred\u001B[0m")]
    public void BothChannels_ControlCharactersInTags_AreShownEscapedNotObeyed(string owner)
    {
        var message = MessageSamples.Single(Idle(Samples.Instance(owner: owner)));

        var all = PayloadWalk.Strings(SlackPayloadBuilder.Build(message)).Concat(PayloadWalk.Strings(AdaptiveCardPayloadBuilder.Build(message)));

        foreach (var (path, text) in all)
        {
            Assert.False(text.Any(c => c is '\r' or '\u001B' or '\u202E'), $"{path} carries a raw control character");
            Assert.DoesNotContain("\n**Why:** forged", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n> quoted", text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> HugeValues() => new()
    {
        { "owner", new string('o', 100_000) },
        { "owner", string.Concat(Enumerable.Repeat("😀", 50_000)) },
        { "owner", string.Concat(Enumerable.Repeat("<&>", 34_000)) },
        { "why", new string('w', 100_000) },
        { "id", "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/" + new string('r', 100_000) },
        { "type", new string('t', 100_000) },
    };

    [Theory]
    [MemberData(nameof(HugeValues))]
    public void BothChannels_100KbTagValue_SingleAlertStaysInsideEveryLimitWithAVisibleMarker(string where, string value)
    {
        var message = MessageSamples.Single(Huge(where, value, 0));

        var slack = SlackPayloadBuilder.Build(message);
        var teams = AdaptiveCardPayloadBuilder.Build(message);

        PayloadWalk.AssertWithinSlackLimits(slack);
        Assert.InRange(Encoding.UTF8.GetByteCount(teams.ToJsonString()), 1, AdaptiveCardPayloadBuilder.MaxPayloadBytes);
        Assert.Contains(PayloadWalk.Strings(slack), s => s.Text.Contains(ChatText.Marker, StringComparison.Ordinal));
        Assert.Contains(PayloadWalk.Strings(teams), s => s.Text.Contains(ChatText.Marker, StringComparison.Ordinal));
        Assert.Contains("Idle GPU instance stopped", slack["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HugeValues))]
    public void BothChannels_DigestOf50ItemsEachWith100KbTags_StaysInsideEveryLimitAndCountsTheRest(string where, string value)
    {
        var items = AlertMessage.Order(Enumerable.Range(0, 50).Select(i => Huge(where, value, i)));
        var message = MessageSamples.Single() with { Items = items, TopItems = 10 };

        var slack = SlackPayloadBuilder.Build(message);
        var teams = AdaptiveCardPayloadBuilder.Build(message);

        PayloadWalk.AssertWithinSlackLimits(slack);
        Assert.InRange(Encoding.UTF8.GetByteCount(teams.ToJsonString()), 1, AdaptiveCardPayloadBuilder.MaxPayloadBytes);
        Assert.Contains("50 alerts", slack["blocks"]![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(PayloadWalk.Strings(slack), s => s.Text.Contains("more* not shown", StringComparison.Ordinal) || s.Text.Contains("too large", StringComparison.Ordinal));
        Assert.Contains(PayloadWalk.Strings(teams), s => s.Text.Contains("more not shown", StringComparison.Ordinal) || s.Text.Contains("too large", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeliverAsync_100KbTagsOnEveryInstance_BothChannelsAcceptAndNothingIsLost()
    {
        await using var h = new NotifierHarness();
        var slack = h.SlackWebhook("COSTGUARD_SLACK_WEBHOOK_URL");
        var teams = h.TeamsWebhook("COSTGUARD_TEAMS_WEBHOOK_URL");
        var policy = Samples.Policy(new AlertsConfig
        {
            Slack = new WebhookTarget { WebhookUrlSetting = "COSTGUARD_SLACK_WEBHOOK_URL" },
            Teams = new WebhookTarget { WebhookUrlSetting = "COSTGUARD_TEAMS_WEBHOOK_URL" },
        });
        var huge = new string('x', 100_000);
        var actions = Enumerable.Range(0, 30)
            .Select(i => Samples.Applied(ActionKind.Stop, ActionReason.Idle, Samples.Instance(id: $"i-{i:D17}", owner: huge + MarkdownLink + Mention)))
            .ToList();

        var report = await h.Notifier.DeliverAsync(policy, Samples.Batch(actions: actions), default);

        Assert.True(report.AllSucceeded, string.Join("; ", report.Results.Select(r => r.Error)));
        var slackBody = Assert.Single(h.Server.RequestsTo(slack)).Body;
        var teamsBody = Assert.Single(h.Server.RequestsTo(teams)).Body;
        PayloadWalk.AssertWithinSlackLimits(JsonNode.Parse(slackBody)!.AsObject());
        Assert.True(Encoding.UTF8.GetByteCount(teamsBody) < 28_000, $"Teams body is {Encoding.UTF8.GetByteCount(teamsBody)} bytes; Workflows reject about 28 KB");
        Assert.Contains("30 alerts", slackBody, StringComparison.Ordinal);
        Assert.Contains("30 alerts", teamsBody, StringComparison.Ordinal);
        Assert.Equal(30, h.Ledger.Sent.Count / 2);
    }

    private static AlertItem Idle(InstanceSnapshot instance)
    {
        var policy = Samples.Policy();
        return AlertItemFactory.FromAction(policy, Samples.Applied(ActionKind.Stop, ActionReason.Idle, instance).Action, ExemptionHint.For(policy, Samples.Now))!;
    }

    private static AlertItem Huge(string where, string value, int i)
    {
        var instance = where switch
        {
            "owner" => Samples.Instance(id: $"i-{i:D17}", owner: value),
            "id" => Samples.Instance(id: value + i) with { Cloud = CloudKind.Azure },
            "type" => Samples.Instance(id: $"i-{i:D17}") with { Type = value },
            _ => Samples.Instance(id: $"i-{i:D17}"),
        };
        var item = Idle(instance);
        return where == "why" ? item with { Why = value } : item;
    }

    private static IEnumerable<string> CardTexts(JsonObject payload) =>
        PayloadWalk.Strings(payload["attachments"]![0]!["content"]!["body"]).Select(s => s.Text);

    // An ampersand that does not start one of the three entities Slack defines.
    [GeneratedRegex("&(?!amp;|lt;|gt;)")]
    private static partial Regex RawAmpersand();

    // [text](url) with nothing between ] and ( — what a markdown renderer turns into a link.
    [GeneratedRegex(@"(?<!\\)\[[^\]]*(?<!\\)\]\(")]
    private static partial Regex MarkdownLinkPattern();
}
