using System.Net;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Azure.Monitoring;

/// <summary>
/// Log Analytics down on a busy fleet (85% GPU), end to end through the Azure fake: the outage is a read gap, never
/// "missing metrics"; only idle stops rest on metrics, so only they are held; orphan tagging goes on.
/// </summary>
public sealed class MetricsOutageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 2, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sweep_LogAnalyticsDownOnBusyFleet_IdleStopsHeldAsOutageOrphanStillTagged()
    {
        var h = new AzureHarness(Now);
        h.Cloud.Workspaces["ws-1"] = [AzureHarness.SubA];
        var busy = Enumerable.Range(0, 3).Select(i => h.AddVm(AzureHarness.SubA, $"gpu-busy-{i}", "eastus")).ToList();
        var orphan = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["project"] = "x" });
        foreach (var vm in busy.Append(orphan))
        {
            for (var bin = new DateTimeOffset(2026, 11, 16, 11, 30, 0, TimeSpan.Zero); bin < Now; bin = bin.AddMinutes(5))
            {
                vm.Gpu[bin] = [85, 80];
                vm.Cpu[bin] = 40;
            }
        }

        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.StartsWith("/logs/", StringComparison.Ordinal),
            Status = HttpStatusCode.ServiceUnavailable,
            BodyFile = "Arm/error-server.json",
            Times = int.MaxValue,
        });
        var policy = AzureHarness.Policy(p => p with { Orphans = new OrphanRule { RequiredTags = ["owner"], StopAfter = TimeSpan.FromDays(1) } });
        var account = AzureHarness.Account(AzureHarness.SubA, "ws-1");

        var read = await h.Provider.ReadAccountAsync(policy, account, Now, CancellationToken.None);
        var plan = new DecisionEngine().Evaluate(policy, new FleetSnapshot { Accounts = [read.Snapshot!] }, Now);
        var (proceed, held) = ReadHolds.Split(plan.Actions, [read]);

        // The outage is named as such; no VM is said to be missing metrics.
        Assert.True(read.Complete);
        var gap = Assert.Single(read.Gaps);
        Assert.Equal(ReadPart.Metrics, gap.Part);
        Assert.Contains("Log Analytics workspace ws-1 could not be read", gap.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Notes, n => n.Note.Contains("missing metrics", StringComparison.Ordinal));

        // Every idle stop (the engine only saw nulls) is held as "not decided", never sent; the orphan tag proceeds.
        Assert.Equal(busy.Append(orphan).Select(v => v.Id).Order(), held.Select(x => x.Action.Instance.Id).Order());
        Assert.All(held, x => Assert.StartsWith("idle not decided", x.Detail, StringComparison.Ordinal));
        var tag = Assert.Single(proceed);
        Assert.Equal((ActionKind.Tag, ActionReason.Orphan, orphan.Id), (tag.Action, tag.Reason, tag.Instance.Id));

        var outcomes = await h.Provider.ApplyAsync(policy, account, proceed, CancellationToken.None);

        Assert.Equal(ActionStatus.Applied, Assert.Single(outcomes).Status);
        Assert.True(orphan.Tags.ContainsKey("costguard:orphan"));
        Assert.All(busy.Append(orphan), vm => Assert.Equal("running", vm.PowerState));
        Assert.Equal(0, h.Counter.Get("azure-arm", "deallocate"));
    }
}
