using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Ports;

namespace CostGuard.Azure.Fixture;

public sealed class DecisionFixtureTests
{
    private static async Task<(AzureHarness Harness, IReadOnlyList<AccountReadResult> Reads, Plan Plan)> PlanAsync()
    {
        var h = TwoSubscriptionsFixture.Build();
        var policy = TwoSubscriptionsFixture.Policy;
        var reads = new List<AccountReadResult>();
        foreach (var account in policy.Accounts)
        {
            reads.Add(await h.Provider.ReadAccountAsync(policy, account, TwoSubscriptionsFixture.Now, CancellationToken.None));
        }

        var snapshot = new FleetSnapshot { Accounts = reads.Select(r => r.Snapshot!).ToList() };
        return (h, reads, new DecisionEngine().Evaluate(policy, snapshot, TwoSubscriptionsFixture.Now));
    }

    [Fact]
    public async Task Evaluate_TwoSubscriptionsTwoRegions_ExactlyTheExpectedDecisions()
    {
        var (_, reads, plan) = await PlanAsync();

        Assert.All(reads, r => Assert.True(r.Complete, string.Join("; ", r.Problems)));
        var decisions = plan.Actions
            .Select(a => $"{a.Action} {a.Reason} {a.Instance.Id.Split('/')[^1]}")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(
            [
                "Stop Idle a-idle",
                "Stop Idle a-off",
                "Stop Idle b-nometrics",
                "Tag Orphan a-orphan",
            ],
            decisions);
        Assert.Equal(AzureFleetFixture.ExpectedDecisions, decisions);
        Assert.Empty(plan.Deferred);

        var a = plan.Accounts.Single(s => s.Account == AzureFleetFixture.SubA);
        var b = plan.Accounts.Single(s => s.Account == AzureFleetFixture.SubB);
        Assert.Equal(5, a.GpuInstances);
        Assert.Equal(4, a.BillingGpuInstances);

        // Burn: 2 x A100 (3.673) + 2 x T4 (0.752), the powered-off one included; deallocated VMs do not burn.
        Assert.Equal(8.85m, a.BurnUsdPerHour);
        Assert.Equal(3, b.GpuInstances);
    }

    [Fact]
    public async Task Evaluate_FixturePolicyJsonThroughLoader_SameDecisions()
    {
        var loaded = Policies.Loading.PolicyLoader.Load(AzureFleetFixture.PolicyJson, "azure-fixture.json");
        Assert.Empty(loaded.Errors.Select(e => e.ToString()));
        var policy = loaded.Policy!;
        Assert.Equal(AzureFleetFixture.WorkspaceA, policy.Accounts[0].LogAnalyticsWorkspaceId);

        var h = TwoSubscriptionsFixture.Build();
        var reads = new List<AccountReadResult>();
        foreach (var account in policy.Accounts)
        {
            reads.Add(await h.Provider.ReadAccountAsync(policy, account, TwoSubscriptionsFixture.Now, CancellationToken.None));
        }

        var plan = new DecisionEngine().Evaluate(policy, new FleetSnapshot { Accounts = reads.Select(r => r.Snapshot!).ToList() }, TwoSubscriptionsFixture.Now);
        Assert.Equal(AzureFleetFixture.ExpectedDecisions, plan.Actions.Select(a => $"{a.Action} {a.Reason} {a.Instance.Id.Split('/')[^1]}").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Apply_FixturePlan_DeallocatesAndMarksThroughTheSdk()
    {
        var (h, _, plan) = await PlanAsync();

        foreach (var account in TwoSubscriptionsFixture.Policy.Accounts)
        {
            var actions = plan.Actions.Where(x => x.Instance.Account == account.Id).ToList();
            var outcomes = await h.Provider.ApplyAsync(TwoSubscriptionsFixture.Policy, account, actions, CancellationToken.None);
            Assert.All(outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        }

        Assert.Equal("deallocated", h.Cloud.Vm("a-idle").PowerState);
        Assert.Equal("deallocated", h.Cloud.Vm("a-off").PowerState);
        Assert.Equal("deallocated", h.Cloud.Vm("b-nometrics").PowerState);
        Assert.Equal("running", h.Cloud.Vm("a-busy").PowerState);
        Assert.Equal("2026-11-16T12:02:00Z", h.Cloud.Vm("a-orphan").Tags["costguard:orphan"]);
        Assert.Equal("x", h.Cloud.Vm("a-orphan").Tags["project"]);
    }
}
