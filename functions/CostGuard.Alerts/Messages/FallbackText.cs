using System.Text;
using CostGuard.Time;

namespace CostGuard.Alerts.Messages;

/// <summary>The plain-text version of a message: Slack's notification/fallback <c>text</c> and the card's fallbackText.</summary>
internal static class FallbackText
{
    /// <summary>Slack truncates past 40,000 characters and advises far less; 3,000 keeps notifications readable.</summary>
    public const int MaxLength = 3000;

    public static string For(AlertMessage message)
    {
        var sb = new StringBuilder();
        if (!message.IsDigest)
        {
            var item = message.Items[0];
            sb.Append($"CostGuard ({message.PolicyLabel}): {item.Title}");
            AppendFacts(sb, item);
            sb.Append($". {item.WhatWasDoneText} Why: {item.WhyText}");
            return ChatText.Truncate(sb.ToString(), MaxLength);
        }

        sb.Append($"CostGuard ({message.PolicyLabel}): {message.Items.Count} alerts at {IsoTime.Format(message.Time)}: {message.Summary}.");
        foreach (var item in message.Top)
        {
            sb.Append($"\n- {item.Title}");
            AppendFacts(sb, item);
        }

        if (message.Hidden > 0)
        {
            sb.Append($"\n…and {message.Hidden} more.");
        }

        return ChatText.Truncate(sb.ToString(), MaxLength);
    }

    private static void AppendFacts(StringBuilder sb, AlertItem item)
    {
        if (item.Instance is null)
        {
            sb.Append($": {item.AccountLabel}");
            return;
        }

        sb.Append($": {item.InstanceLabel} ({item.TypeLabel}, owner {item.OwnerLabel}, {item.CostLabel}) in {item.AccountLabel}");
    }
}
