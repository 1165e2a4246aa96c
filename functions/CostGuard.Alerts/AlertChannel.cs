namespace CostGuard.Alerts;

/// <summary>The chat systems CostGuard posts to.</summary>
internal enum AlertChannel
{
    Slack,
    Teams,
}
