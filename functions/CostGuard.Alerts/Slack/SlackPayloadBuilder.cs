using System.Text.Json.Nodes;
using CostGuard.Alerts.Messages;
using CostGuard.Time;

namespace CostGuard.Alerts.Slack;

/// <summary>
/// Renders a message as a Slack incoming-webhook body: Block Kit <c>blocks</c> plus the plain <c>text</c> fallback
/// (shown in notifications and by clients without Block Kit). Every text, the fallback included, is mrkdwn with
/// &amp;, &lt; and &gt; escaped (tags are user-controlled: <c>owner=&lt;!channel&gt;</c> must not ping a channel), and
/// every limit of <see cref="SlackLimits"/> holds whatever the tags hold.
/// </summary>
internal static class SlackPayloadBuilder
{
    public static JsonObject Build(AlertMessage message)
    {
        return new JsonObject
        {
            ["text"] = Text(message),
            ["blocks"] = Blocks(message),
        };
    }

    /// <summary>The fallback <c>text</c>: mrkdwn like the blocks, so it is escaped the same way.</summary>
    public static string Text(AlertMessage message) => SlackText.Cut(SlackText.Escape(FallbackText.For(message)), SlackLimits.Text);

    private static JsonArray Blocks(AlertMessage message)
    {
        if (!message.IsDigest)
        {
            var single = SingleBlocks(message);
            return Fits(single) ? single : Oversized(message);
        }

        // Show as many top items as fit the blocks budget; the rest are counted in the "and N more" line.
        for (var shown = message.Top.Count; shown >= 1; shown = shown == 1 ? 0 : Math.Max(1, shown * 3 / 4))
        {
            var blocks = DigestBlocks(message, shown);
            if (Fits(blocks))
            {
                return blocks;
            }
        }

        return Oversized(message);
    }

    private static bool Fits(JsonArray blocks) => blocks.Count <= SlackLimits.Blocks && blocks.ToJsonString().Length <= SlackLimits.BlocksTotal;

    private static JsonArray SingleBlocks(AlertMessage message)
    {
        var item = message.Items[0];
        var blocks = new JsonArray
        {
            Header($"{SeverityText.SlackEmoji(item.Severity)} {item.Title}"),
            Section($"*What was done:* {SlackText.Escape(item.WhatWasDoneText)}\n*Why:* {SlackText.Escape(item.WhyText)}"),
            FieldsSection(item),
        };
        if (ConsoleLink.For(item.Instance) is { } link && link.Url.AbsoluteUri.Length <= SlackLimits.ButtonUrl)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "button",
                        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = link.Title },
                        ["url"] = link.Url.AbsoluteUri,
                    },
                },
            });
        }

        if (item.HowToActText is { } howTo)
        {
            blocks.Add(Context([$":bulb: {SlackText.Escape(howTo)}"]));
        }

        blocks.Add(Context([Footer(message)]));
        return blocks;
    }

    private static JsonArray DigestBlocks(AlertMessage message, int shown)
    {
        var top = message.Top.Take(shown).ToList();
        var blocks = new JsonArray
        {
            Header($"{SeverityText.SlackEmoji(message.Severity)} CostGuard: {message.Items.Count} alerts"),
            Section($"*{message.Items.Count} alerts* in this sweep: {SlackText.Escape(message.Summary)}"),
            new JsonObject { ["type"] = "divider" },
        };
        // One compact section per item: a digest is read at a glance, the single-alert layout carries the full fields.
        foreach (var item in top)
        {
            blocks.Add(Section($"{SeverityText.SlackEmoji(item.Severity)} *{SlackText.Escape(item.Title)}* · {FactsLine(item)}\n_{SlackText.Escape(item.WhyText)}_"));
        }

        var hidden = message.Items.Count - top.Count;
        if (hidden > 0)
        {
            blocks.Add(Context([$"…and *{hidden} more* not shown here (see the CostGuard report or audit log)."]));
        }

        blocks.Add(new JsonObject { ["type"] = "divider" });
        // One context line per hint: Slack lays a context's elements side by side, which runs sentences together.
        foreach (var howTo in message.HowTos)
        {
            blocks.Add(Context([$":bulb: {SlackText.Escape(howTo)}"]));
        }

        blocks.Add(Context([Footer(message)]));
        return blocks;
    }

    /// <summary>The last resort when even one item does not fit: the news and where to read it, never a lost alert.</summary>
    private static JsonArray Oversized(AlertMessage message) =>
    [
        Header($"{SeverityText.SlackEmoji(message.Severity)} CostGuard: {(message.IsDigest ? $"{message.Items.Count} alerts" : message.Items[0].Title)}"),
        Section($"{SlackText.Escape(message.Summary)}. The details are too large for a Slack message: see the CostGuard report or audit log."),
        Context([Footer(message)]),
    ];

    private static string FactsLine(AlertItem item) => item.Instance is null
        ? SlackText.Escape(item.AccountLabel)
        : $"`{SlackText.Escape(item.InstanceLabel)}` {SlackText.Escape(item.TypeLabel)} · owner *{SlackText.Escape(item.OwnerLabel)}* · " +
          $"{SlackText.Escape(item.CostLabel)} · {SlackText.Escape(item.AccountLabel)}";

    private static string Footer(AlertMessage message) =>
        $"CostGuard policy *{SlackText.Escape(message.PolicyLabel)}* · route {SlackText.Escape(message.RouteLabel)} · " +
        $"{SeverityText.Name(message.Severity)} · {IsoTime.Format(message.Time)}";

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = ChatText.Truncate(text, SlackLimits.HeaderText), ["emoji"] = true },
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(SlackText.Cut(mrkdwn, SlackLimits.SectionText)),
    };

    private static JsonObject FieldsSection(AlertItem item) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray
        {
            Mrkdwn(SlackText.Field("Account", item.AccountLabel)),
            Mrkdwn(SlackText.Field("Instance", item.InstanceLabel)),
            Mrkdwn(SlackText.Field("Type", item.TypeLabel)),
            Mrkdwn(SlackText.Field("Owner", item.OwnerLabel)),
            Mrkdwn(SlackText.Field("Cost per hour", item.CostLabel)),
            // Six fields fill three rows of Slack's two-column grid; severity is in the header emoji and the footer.
            Mrkdwn(SlackText.Field("Region", item.RegionLabel)),
        },
    };

    private static JsonObject Context(IReadOnlyList<string> texts)
    {
        var elements = new JsonArray();
        foreach (var text in texts.Take(SlackLimits.ContextElements))
        {
            elements.Add(Mrkdwn(SlackText.Cut(text, SlackLimits.SectionText)));
        }

        return new JsonObject { ["type"] = "context", ["elements"] = elements };
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
