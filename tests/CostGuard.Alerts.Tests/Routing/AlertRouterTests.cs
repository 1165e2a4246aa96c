using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Routing;
using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Alerts.Tests.Routing;

public sealed class AlertRouterTests
{
    private static readonly AlertsConfig Config = new()
    {
        Slack = new WebhookTarget { WebhookUrlSetting = "DEFAULT_SLACK" },
        Routes =
        [
            new AlertRoute { Name = "pager", MinSeverity = AlertSeverity.Critical, Accounts = ["123456789012"], Teams = new WebhookTarget { WebhookUrlSetting = "PAGER" } },
            new AlertRoute { Name = "ml", Tags = new Dictionary<string, string> { ["team"] = "ML-Research" }, Slack = new WebhookTarget { WebhookUrlSetting = "ML" } },
        ],
    };

    [Fact]
    public void RouteFor_CriticalInRoutedAccount_FirstMatchingRouteWins()
    {
        Assert.Equal("pager", AlertRouter.RouteFor(Config, Item(AlertSeverity.Critical, Samples.Instance(team: "ml-research"))));
    }

    [Fact]
    public void RouteFor_BelowMinSeverity_FallsThroughToNextRoute()
    {
        Assert.Equal("ml", AlertRouter.RouteFor(Config, Item(AlertSeverity.Warning, Samples.Instance(team: "ml-research"))));
    }

    [Fact]
    public void RouteFor_TagValueDiffersOnlyInCase_Matches()
    {
        Assert.Equal("ml", AlertRouter.RouteFor(Config, Item(AlertSeverity.Info, Samples.Instance(team: "ml-RESEARCH"))));
    }

    [Fact]
    public void RouteFor_NoInstanceForTagRoute_GoesToDefault()
    {
        Assert.Equal("default", AlertRouter.RouteFor(Config, Item(AlertSeverity.Warning, instance: null)));
    }

    [Fact]
    public void RouteFor_OtherAccountCritical_GoesToDefault()
    {
        Assert.Equal("default", AlertRouter.RouteFor(Config, Item(AlertSeverity.Critical, Samples.Instance(account: "210987654321", team: "web"))));
    }

    [Fact]
    public void Destinations_RoutesInOrderThenDefault_OnlyConfiguredChannels()
    {
        var destinations = AlertRouter.Destinations("gpu-guard", Config);

        Assert.Equal(
            ["gpu-guard/pager/teams/PAGER", "gpu-guard/ml/slack/ML", "gpu-guard/default/slack/DEFAULT_SLACK"],
            destinations.Select(d => $"{d.LedgerRoute}/{d.Setting}"));
    }

    private static AlertItem Item(AlertSeverity severity, Fleet.InstanceSnapshot? instance) =>
        AlertItemFactory.FromAlert(Samples.Policy(), Samples.Alert(AlertKind.Anomaly, severity, instance), null);
}
