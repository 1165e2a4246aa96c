using CostGuard.Policies;

namespace CostGuard.Alerts.Messages;

/// <summary>Severity words and Slack emoji shortcodes.</summary>
internal static class SeverityText
{
    public static string Name(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "Critical",
        AlertSeverity.Warning => "Warning",
        _ => "Info",
    };

    public static string SlackEmoji(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => ":rotating_light:",
        AlertSeverity.Warning => ":warning:",
        _ => ":information_source:",
    };
}
