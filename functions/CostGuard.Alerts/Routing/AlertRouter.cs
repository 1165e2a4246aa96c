using CostGuard.Alerts.Messages;
using CostGuard.Policies;

namespace CostGuard.Alerts.Routing;

/// <summary>Decides which route takes an item: the first matching <c>alerts.routes</c> entry, else the default route.</summary>
internal static class AlertRouter
{
    public const string DefaultRoute = "default";

    /// <summary>The route name for the item; routes are tried in policy order.</summary>
    public static string RouteFor(AlertsConfig alerts, AlertItem item)
    {
        foreach (var route in alerts.Routes)
        {
            if (Matches(route, item))
            {
                return route.Name;
            }
        }

        return DefaultRoute;
    }

    /// <summary>Every configured channel of every route, in policy order, the default route last.</summary>
    public static IReadOnlyList<RouteDestination> Destinations(string policy, AlertsConfig alerts)
    {
        var list = new List<RouteDestination>();
        foreach (var route in alerts.Routes)
        {
            Add(list, policy, route.Name, route.Slack, route.Teams);
        }

        Add(list, policy, DefaultRoute, alerts.Slack, alerts.Teams);
        return list;
    }

    internal static bool Matches(AlertRoute route, AlertItem item)
    {
        if (item.Severity < route.MinSeverity)
        {
            return false;
        }

        if (route.Accounts.Count > 0 && !route.Accounts.Any(a => string.Equals(a, item.Account, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // A tag route only takes items about an instance that carries every listed tag.
        foreach (var (key, value) in route.Tags)
        {
            if (item.Instance?.Tag(key) is not { } actual || !string.Equals(actual, value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static void Add(List<RouteDestination> list, string policy, string route, WebhookTarget? slack, WebhookTarget? teams)
    {
        if (slack is not null)
        {
            list.Add(new RouteDestination(policy, route, AlertChannel.Slack, slack.WebhookUrlSetting));
        }

        if (teams is not null)
        {
            list.Add(new RouteDestination(policy, route, AlertChannel.Teams, teams.WebhookUrlSetting));
        }
    }
}
