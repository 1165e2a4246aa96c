namespace CostGuard.Alerts.Routing;

/// <summary>One channel of one route and the setting naming its webhook URL (never the URL itself).</summary>
internal sealed record RouteDestination(string Route, AlertChannel Channel, string Setting)
{
    /// <summary>The ledger key: de-duplication is per route and channel, so one channel's failure never hides the other's.</summary>
    public string LedgerRoute => $"{Route}/{Channel.Name()}";
}
