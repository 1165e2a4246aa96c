namespace CostGuard.Alerts.Routing;

/// <summary>One channel of one route and the setting naming its webhook URL (never the URL itself).</summary>
internal sealed record RouteDestination(string Policy, string Route, AlertChannel Channel, string Setting)
{
    /// <summary>
    /// The ledger key: de-duplication is per policy, route and channel, so one channel's failure never hides the other's
    /// and policies sharing a state store never silence each other.
    /// </summary>
    public string LedgerRoute => $"{Policy}/{Route}/{Channel.Name()}";
}
