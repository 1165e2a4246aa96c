using System.Text.Json.Nodes;
using CostGuard.Alerts.Messages;
using CostGuard.Time;

namespace CostGuard.Alerts.Slack;

/// <summary>
/// Renders a message as a Slack incoming-webhook body: Block Kit <c>blocks</c> plus the plain <c>text</c> fallback
/// (shown in notifications and by clients without Block Kit). Stays inside Block Kit's limits (50 blocks, 10 fields).
/// </summary>
internal static class SlackPayloadBuilder
{
    private const int HeaderMax = 150;
    private const int SectionMax = 3000;

    public static JsonObject Build(AlertMessage message)
    {
        var blocks = message.IsDigest ? DigestBlocks(message) : SingleBlocks(message);
        return new JsonObject
        {
            ["text"] = FallbackText.For(message),
            ["blocks"] = blocks,
        };
    }

    private static JsonArray SingleBlocks(AlertMessage message)
    {
        var item = message.Items[0];
        var blocks = new JsonArray
        {
            Header($"{SeverityText.SlackEmoji(item.Severity)} {item.Title}"),
            Section($"*What was done:* {SlackText.Escape(item.WhatWasDone)}\n*Why:* {SlackText.Escape(item.Why)}"),
            FieldsSection(item),
        };
        if (ConsoleLink.For(item.Instance) is { } link)
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
                        ["url"] = TextLimits.Truncate(link.Url.AbsoluteUri, 3000),
                    },
                },
            });
        }

        if (item.HowToAct is { } howTo)
        {
            blocks.Add(Context([$":bulb: {SlackText.Escape(howTo)}"]));
        }

        blocks.Add(Context([Footer(message)]));
        return blocks;
    }

    private static JsonArray DigestBlocks(AlertMessage message)
    {
        var blocks = new JsonArray
        {
            Header($"{SeverityText.SlackEmoji(message.Severity)} CostGuard: {message.Items.Count} alerts"),
            Section($"*{message.Items.Count} alerts* in this sweep: {SlackText.Escape(message.Summary)}"),
            new JsonObject { ["type"] = "divider" },
        };
        // One compact section per item: a digest is read at a glance, the single-alert layout carries the full fields.
        foreach (var item in message.Top)
        {
            blocks.Add(Section($"{SeverityText.SlackEmoji(item.Severity)} *{SlackText.Escape(item.Title)}* · {FactsLine(item)}\n_{SlackText.Escape(item.Why)}_"));
        }

        if (message.Hidden > 0)
        {
            blocks.Add(Context([$"…and *{message.Hidden} more* not shown here (see the CostGuard report or audit log)."]));
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

    private static string FactsLine(AlertItem item) => item.Instance is null
        ? SlackText.Escape(item.AccountLabel)
        : $"`{SlackText.Escape(item.InstanceLabel)}` {SlackText.Escape(item.TypeLabel)} · owner *{SlackText.Escape(item.OwnerLabel)}* · " +
          $"{SlackText.Escape(item.CostLabel)} · {SlackText.Escape(item.AccountLabel)}";

    private static string Footer(AlertMessage message) =>
        $"CostGuard policy *{SlackText.Escape(message.PolicyName)}* · route {SlackText.Escape(message.Route)} · " +
        $"{SeverityText.Name(message.Severity)} · {IsoTime.Format(message.Time)}";

    private static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = TextLimits.Truncate(text, HeaderMax), ["emoji"] = true },
    };

    private static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = Mrkdwn(TextLimits.Truncate(mrkdwn, SectionMax)),
    };

    private static JsonObject FieldsSection(AlertItem item) => new()
    {
        ["type"] = "section",
        ["fields"] = Fields(item),
    };

    private static JsonArray Fields(AlertItem item)
    {
        var fields = new JsonArray
        {
            Mrkdwn(SlackText.Field("Account", item.AccountLabel)),
            Mrkdwn(SlackText.Field("Instance", item.InstanceLabel)),
            Mrkdwn(SlackText.Field("Type", item.TypeLabel)),
            Mrkdwn(SlackText.Field("Owner", item.OwnerLabel)),
            Mrkdwn(SlackText.Field("Cost per hour", item.CostLabel)),
            // Six fields fill three rows of Slack's two-column grid; severity is in the header emoji and the footer.
            Mrkdwn(SlackText.Field("Region", item.Instance?.Region ?? "-")),
        };
        return fields;
    }

    private static JsonObject Context(IReadOnlyList<string> texts)
    {
        var elements = new JsonArray();
        foreach (var text in texts.Take(10))
        {
            elements.Add(Mrkdwn(TextLimits.Truncate(text, SectionMax)));
        }

        return new JsonObject { ["type"] = "context", ["elements"] = elements };
    }

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
