namespace CostGuard.Alerts.Slack;

/// <summary>
/// Slack's message limits (Block Kit reference): past them Slack answers <c>invalid_blocks</c> or
/// <c>msg_blocks_too_long</c> and the alert is lost, or it truncates the text silently.
/// </summary>
internal static class SlackLimits
{
    /// <summary>Blocks per message.</summary>
    public const int Blocks = 50;

    /// <summary>A header's plain text.</summary>
    public const int HeaderText = 150;

    /// <summary>A section's text, and a context element's text.</summary>
    public const int SectionText = 3000;

    /// <summary>One of a section's fields (at most 10 of them).</summary>
    public const int FieldText = 2000;

    /// <summary>Context elements per block.</summary>
    public const int ContextElements = 10;

    /// <summary>A button's URL.</summary>
    public const int ButtonUrl = 3000;

    /// <summary>
    /// The blocks together: Slack rejects messages whose blocks hold much more than ~13,000 characters with
    /// <c>msg_blocks_too_long</c> although each block is within its limit (an undocumented total, reported in
    /// slackapi/bolt-js#2509); 12,000 characters of serialized blocks stays clear of it.
    /// </summary>
    public const int BlocksTotal = 12_000;

    /// <summary>The top-level <c>text</c>: Slack truncates past 40,000 and splits past 4,000; notifications want far less.</summary>
    public const int Text = 3000;
}
