using CostGuard.Alerts.Messages;
using CostGuard.Alerts.Routing;
using CostGuard.Cli;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Policies.Loading;

namespace CostGuard.Alerts.Tests.Routing;

/// <summary>Routing as the shipped example policy configures it, loaded by the real policy loader.</summary>
public sealed class ShippedPolicyRoutingTests
{
    private const string AwsAccount = "777788889999";
    private const string AzureSubscription = "11111111-2222-3333-4444-555555555555";

    [Theory]
    [InlineData(CloudKind.Azure, AzureSubscription, "web", AlertSeverity.Info, "research")]
    [InlineData(CloudKind.Aws, AwsAccount, "llm", AlertSeverity.Critical, "llm-critical")]
    [InlineData(CloudKind.Aws, AwsAccount, "llm", AlertSeverity.Warning, "default")]
    [InlineData(CloudKind.Aws, AwsAccount, "web", AlertSeverity.Critical, "default")]
    public async Task RouteFor_FinopsRoutingPolicy_SendsEachAlertWhereThePolicySays(CloudKind cloud, string account, string team, AlertSeverity severity, string route)
    {
        var loaded = await PolicyLoader.LoadFileAsync(RepositoryRoot.Combine("policies", "finops-routing.json"), default);
        var policy = Assert.IsType<Policy>(loaded.Policy);
        var instance = Samples.Instance(account: account, team: team) with { Cloud = cloud };

        var item = AlertItemFactory.FromAlert(policy, Samples.Alert(AlertKind.Anomaly, severity, instance), null);

        Assert.Equal(route, AlertRouter.RouteFor(policy.Alerts!, item));
        Assert.Equal(TimeSpan.FromHours(12), policy.Alerts!.DedupWindow);
    }
}
