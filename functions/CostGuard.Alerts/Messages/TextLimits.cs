namespace CostGuard.Alerts.Messages;

/// <summary>Keeps texts inside the chat systems' limits (Slack rejects an over-long block with invalid_blocks).</summary>
internal static class TextLimits
{
    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
