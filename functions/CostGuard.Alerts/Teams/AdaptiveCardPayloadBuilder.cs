using System.Text;
using System.Text.Json.Nodes;
using CostGuard.Alerts.Messages;
using CostGuard.Policies;
using CostGuard.Time;

namespace CostGuard.Alerts.Teams;

/// <summary>
/// Renders a message as a Teams Workflows webhook body: an Adaptive Card (version 1.4, which every Teams client
/// renders; Workflows accept up to 1.5) inside a <c>message</c> attachment. Legacy MessageCards are not accepted there.
/// </summary>
internal static class AdaptiveCardPayloadBuilder
{
    public const string CardVersion = "1.4";
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string CardSchema = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Workflows reject messages over ~28 KB; stay well under it.</summary>
    public const int MaxPayloadBytes = 24 * 1024;

    private const int MaxUrlLength = 2048;

    /// <summary>The card's plain-text fallback (notifications, clients that cannot render the card).</summary>
    private const int FallbackTextMax = 1000;

    public static JsonObject Build(AlertMessage message)
    {
        if (!message.IsDigest)
        {
            var single = Wrap(message, SingleBody(message));
            return Fits(single) ? single : Wrap(message, Oversized(message));
        }

        // Show as many top items as fit the size budget; the rest are counted in the "and N more" line.
        for (var shown = message.Top.Count; shown >= 1; shown = shown == 1 ? 0 : Math.Max(1, shown * 3 / 4))
        {
            var payload = Wrap(message, DigestBody(message, shown));
            if (Fits(payload))
            {
                return payload;
            }
        }

        return Wrap(message, Oversized(message));
    }

    private static bool Fits(JsonObject payload) => Encoding.UTF8.GetByteCount(payload.ToJsonString()) <= MaxPayloadBytes;

    /// <summary>The last resort when even one item does not fit: the news and where to read it, never a lost alert.</summary>
    private static JsonArray Oversized(AlertMessage message) =>
    [
        Title(message.IsDigest ? $"CostGuard: {message.Items.Count} alerts" : message.Items[0].Title, message.Severity),
        Text($"{TeamsText.Literal(message.Summary)}. The details are too large for a Teams card: see the CostGuard report or audit log."),
        Subtle(Footer(message)),
    ];

    private static JsonObject Wrap(AlertMessage message, JsonArray body)
    {
        // Action.OpenUrl only: Workflows do not call back, so Submit/Execute would do nothing.
        var actions = new JsonArray();
        // A link longer than browsers and Teams handle (an absurd resource id) is left out rather than cut.
        if (!message.IsDigest && ConsoleLink.For(message.Items[0].Instance) is { } link && link.Url.AbsoluteUri.Length <= MaxUrlLength)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = link.Title, ["url"] = link.Url.AbsoluteUri });
        }

        var card = new JsonObject
        {
            ["$schema"] = CardSchema,
            ["type"] = "AdaptiveCard",
            ["version"] = CardVersion,
            ["fallbackText"] = ChatText.Truncate(FallbackText.For(message), FallbackTextMax),
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = CardContentType, ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    private static JsonArray SingleBody(AlertMessage message)
    {
        var item = message.Items[0];
        var body = new JsonArray
        {
            Title(item.Title, item.Severity),
            Text($"**What was done:** {TeamsText.Literal(item.WhatWasDoneText)}"),
            Text($"**Why:** {TeamsText.Literal(item.WhyText)}"),
            Facts(item),
        };
        if (item.HowToActText is { } howTo)
        {
            body.Add(Subtle(TeamsText.Literal(howTo)));
        }

        body.Add(Subtle(Footer(message)));
        return body;
    }

    private static JsonArray DigestBody(AlertMessage message, int shown)
    {
        var body = new JsonArray
        {
            Title($"CostGuard: {message.Items.Count} alerts", message.Severity),
            Text($"**{message.Items.Count} alerts** in this sweep: {TeamsText.Literal(message.Summary)}"),
        };
        foreach (var item in message.Top.Take(shown))
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["spacing"] = "Medium",
                ["items"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["type"] = "TextBlock", ["text"] = item.Title, ["weight"] = "Bolder", ["wrap"] = true,
                        ["color"] = Color(item.Severity),
                    },
                    Text(FactsLine(item)),
                    new JsonObject { ["type"] = "TextBlock", ["text"] = TeamsText.Literal(item.WhyText), ["wrap"] = true, ["isSubtle"] = true, ["spacing"] = "None" },
                },
            });
        }

        var hidden = message.Items.Count - Math.Min(shown, message.Top.Count);
        if (hidden > 0)
        {
            body.Add(Subtle($"…and {hidden} more not shown here (see the CostGuard report or audit log)."));
        }

        foreach (var howTo in message.HowTos)
        {
            body.Add(Subtle(TeamsText.Literal(howTo)));
        }

        body.Add(Subtle(Footer(message)));
        return body;
    }

    private static string Footer(AlertMessage message) =>
        $"CostGuard policy {TeamsText.Literal(message.PolicyLabel)} · route {TeamsText.Literal(message.RouteLabel)} · {SeverityText.Name(message.Severity)} · {IsoTime.Format(message.Time)}";

    private static JsonObject Title(string text, AlertSeverity severity) => new()
    {
        ["type"] = "TextBlock",
        ["text"] = text,
        ["weight"] = "Bolder",
        ["size"] = "Medium",
        ["wrap"] = true,
        ["color"] = Color(severity),
    };

    private static JsonObject Text(string text) => new() { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };

    private static JsonObject Subtle(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true, ["isSubtle"] = true, ["size"] = "Small",
    };

    private static string FactsLine(AlertItem item) => item.Instance is null
        ? TeamsText.Literal(item.AccountLabel)
        : $"{TeamsText.Literal(item.InstanceLabel)} ({TeamsText.Literal(item.TypeLabel)}) · owner **{TeamsText.Literal(item.OwnerLabel)}** · " +
          $"{TeamsText.Literal(item.CostLabel)} · {TeamsText.Literal(item.AccountLabel)}";

    private static JsonObject Facts(AlertItem item)
    {
        var facts = new JsonArray
        {
            Fact("Account", item.AccountLabel),
            Fact("Instance", item.InstanceLabel),
            Fact("Type", item.TypeLabel),
            Fact("Owner", item.OwnerLabel),
            Fact("Cost per hour", item.CostLabel),
            Fact("Region", item.RegionLabel),
        };
        return new JsonObject { ["type"] = "FactSet", ["facts"] = facts };
    }

    // Fact values render markdown in Teams: every one is a user-controlled value.
    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = TeamsText.Literal(value) };

    private static string Color(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "Attention",
        AlertSeverity.Warning => "Warning",
        _ => "Default",
    };
}
