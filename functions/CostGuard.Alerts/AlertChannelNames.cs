namespace CostGuard.Alerts;

/// <summary>The lower-case channel names used in reports, the ledger and pending deliveries.</summary>
internal static class AlertChannelNames
{
    public const string Slack = "slack";
    public const string Teams = "teams";

    public static string Name(this AlertChannel channel) => channel == AlertChannel.Slack ? Slack : Teams;

    public static bool TryParse(string? name, out AlertChannel channel)
    {
        channel = AlertChannel.Slack;
        if (string.Equals(name, Slack, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        channel = AlertChannel.Teams;
        return string.Equals(name, Teams, StringComparison.OrdinalIgnoreCase);
    }
}
