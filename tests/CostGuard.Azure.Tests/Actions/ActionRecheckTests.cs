using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Azure.Actions;

/// <summary>The act-time re-check through the Azure adapter: what the decision rested on is checked on the VM as it is now.</summary>
public sealed class ActionRecheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    private static Policy WithOrphansAndExemptions() => AzureHarness.Policy(p => p with
    {
        Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromDays(1) },
        Exemptions = new ExemptionRule { Tag = "costguard:exempt-until" },
    });

    [Fact]
    public async Task Apply_ExemptionTagAddedSinceTheRead_StopSkippedExemptNow()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-idle", "eastus");
        var action = Planned.Action(vm, ActionKind.Stop);
        vm.Tags["costguard:exempt-until"] = "2026-11-18T00:00:00Z";

        var outcome = Assert.Single(await h.Provider.ApplyAsync(WithOrphansAndExemptions(), AzureHarness.Account(AzureHarness.SubA), [action], CancellationToken.None));

        Assert.Equal(ActionStatus.Skipped, outcome.Status);
        Assert.Equal("skipped: exempt now", outcome.Error);
        Assert.Equal("running", vm.PowerState);
        Assert.Equal(0, h.Counter.Get("azure-arm", "deallocate"));
    }

    [Fact]
    public async Task Apply_OrphanMarkedByAnotherSweepSinceTheRead_NotRetagged()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["project"] = "x" });
        var action = Planned.Action(vm, ActionKind.Tag, tagKey: "costguard:orphan", tagValue: "2026-11-16T12:02:00Z");
        vm.Tags["costguard:orphan"] = "2026-11-16T11:00:00Z";

        var outcome = Assert.Single(await h.Provider.ApplyAsync(WithOrphansAndExemptions(), AzureHarness.Account(AzureHarness.SubA), [action], CancellationToken.None));

        Assert.Equal(ActionStatus.AlreadyDone, outcome.Status);
        Assert.Equal("2026-11-16T11:00:00Z", vm.Tags["costguard:orphan"]);
        Assert.Equal(0, h.Cloud.Count("PATCH", "/virtualMachines/"));
    }

    [Fact]
    public async Task Apply_RequiredTagsAddedSinceTheRead_OrphanStopCancelled()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["costguard:orphan"] = "2026-11-10T00:00:00Z" });
        var action = Planned.Action(vm, ActionKind.Stop, ActionReason.Orphan);
        vm.Tags["owner"] = "dana";

        var outcome = Assert.Single(await h.Provider.ApplyAsync(WithOrphansAndExemptions(), AzureHarness.Account(AzureHarness.SubA), [action], CancellationToken.None));

        Assert.Equal(ActionStatus.Skipped, outcome.Status);
        Assert.Contains("required tags added since the read", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("running", vm.PowerState);
    }

    [Fact]
    public async Task Apply_ReadOlderThanIdleWindow_DecisionRecheckedOnAFreshRead()
    {
        // A deadline longer than the idle window (the default 4 minutes would leave these actions undone instead).
        var h = new AzureHarness(Now, o => o with { SweepDeadline = TimeSpan.FromHours(2) });
        h.Cloud.Workspaces["ws-1"] = [AzureHarness.SubA];
        var woke = h.AddVm(AzureHarness.SubA, "gpu-woke", "eastus");
        var still = h.AddVm(AzureHarness.SubA, "gpu-still", "eastus");
        for (var bin = Now.AddMinutes(-32); bin < Now.AddMinutes(60); bin = bin.AddMinutes(5))
        {
            var start = new DateTimeOffset(bin.UtcTicks - (bin.UtcTicks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero);
            woke.Gpu[start] = [start < Now ? 1 : 85];
            still.Gpu[start] = [1];
        }

        var policy = AzureHarness.Policy();
        var account = AzureHarness.Account(AzureHarness.SubA, "ws-1");
        var read = await h.Provider.ReadAccountAsync(policy, account, Now, CancellationToken.None);
        var plan = new DecisionEngine().Evaluate(policy, new FleetSnapshot { Accounts = [read.Snapshot!] }, Now);
        Assert.Equal(2, plan.Actions.Count(a => a.Action == ActionKind.Stop && a.Reason == ActionReason.Idle));

        // The actions go out 40 minutes after the read (longer than the 30-minute window); one VM got busy meanwhile.
        h.Time.Advance(TimeSpan.FromMinutes(40));
        var outcomes = await h.Provider.ApplyAsync(policy, account, plan.Actions, CancellationToken.None);

        Assert.Equal(ActionStatus.Skipped, outcomes.Single(o => o.Action.Instance.Id == woke.Id).Status);
        Assert.Contains("no longer idle", outcomes.Single(o => o.Action.Instance.Id == woke.Id).Error, StringComparison.Ordinal);
        Assert.Equal(ActionStatus.Applied, outcomes.Single(o => o.Action.Instance.Id == still.Id).Status);
        Assert.Equal("running", woke.PowerState);
        Assert.Equal("deallocated", still.PowerState);
        Assert.Equal(2, h.Counter.Get("azure-loganalytics", "query"));
    }
}
