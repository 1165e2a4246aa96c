using System.Net;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Azure.Actions;

public sealed class ActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);

    private static PlannedAction Action(FakeVm vm, ActionKind kind, string? tagKey = null, string? tagValue = null) => new()
    {
        Action = kind,
        Reason = kind == ActionKind.Stop ? ActionReason.Idle : ActionReason.Orphan,
        Detail = "test",
        TagKey = tagKey,
        TagValue = tagValue,
        Instance = new InstanceSnapshot
        {
            Cloud = CloudKind.Azure,
            Account = vm.Subscription,
            Region = vm.Location,
            Id = vm.Id,
            Type = vm.Size,
            State = InstanceState.Running,
            LaunchTime = vm.TimeCreated,
        },
    };

    private static Task<IReadOnlyList<ActionOutcome>> Apply(AzureHarness h, Policy policy, params PlannedAction[] actions) =>
        h.Provider.ApplyAsync(policy, AzureHarness.Account(AzureHarness.SubA), actions, CancellationToken.None);

    [Fact]
    public async Task Apply_Stop_DeallocatesThroughLongRunningOperation()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-idle", "eastus");
        h.Cloud.PollsBeforeDone = 2;

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Equal("deallocated", vm.PowerState);
        Assert.Equal(1, h.Counter.Get("azure-arm", "deallocate"));
        Assert.Equal(0, h.Cloud.Count("POST", "/powerOff"));

        // Two InProgress answers, then Succeeded, each poll after the injected wait; then the final GET of Location.
        Assert.Equal(3, h.Delays.Count);
        Assert.True(h.Counter.Get("azure-arm", "pollOperation") >= 3);
    }

    [Fact]
    public async Task Apply_StopAlreadyDeallocated_AlreadyDoneWithoutDeallocating()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-parked", "eastus", power: "deallocated");

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        Assert.Equal(ActionStatus.AlreadyDone, outcome.Status);
        Assert.Equal(0, h.Counter.Get("azure-arm", "deallocate"));
    }

    [Fact]
    public async Task Apply_StopOfPoweredOffVm_StillDeallocates()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-off", "eastus", power: "stopped");

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Equal("deallocated", vm.PowerState);
    }

    [Fact]
    public async Task Apply_OperationEndsFailed_FailedWithOperationErrorCode()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-busy", "eastus");
        h.Cloud.NextOperationFailsWith = "OperationNotAllowed";

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        Assert.Equal(ActionStatus.Failed, outcome.Status);
        Assert.Contains("OperationNotAllowed", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_OperationNeverFinishes_BoundedPollingReportsNotFinished()
    {
        var h = new AzureHarness(Now, o => o with { MaxPolls = 3 });
        var vm = h.AddVm(AzureHarness.SubA, "gpu-slow", "eastus");
        h.Cloud.PollsBeforeDone = 100;

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        // Accepted and under way is applied, with the note, not failed (no guard-failure alert for a deallocation in progress).
        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.Contains("still running after 3 polls", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(3, h.Delays.Count);
    }

    [Fact]
    public async Task Apply_VmDeletedBetweenListAndAction_NotFound()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-gone", "eastus");
        h.Cloud.Vms.Remove(vm);

        var outcomes = await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop), Action(vm, ActionKind.Tag, "costguard:orphan", "2026-11-16T12:00:00Z"));

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.NotFound, o.Status));
    }

    [Fact]
    public async Task Apply_AuthorizationFailed_Denied()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-locked", "eastus");
        h.Cloud.Faults.Add(new Fault
        {
            Matches = r => r.RequestUri!.AbsolutePath.EndsWith("/deallocate", StringComparison.Ordinal),
            Status = HttpStatusCode.Forbidden,
            BodyFile = "Arm/error-authorization-failed.json",
        });

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        Assert.Equal(ActionStatus.Denied, outcome.Status);
        Assert.Contains("AuthorizationFailed", outcome.Error, StringComparison.Ordinal);
        Assert.Equal("running", vm.PowerState);
    }

    [Fact]
    public async Task Apply_Tag_OnePatchMergingCurrentTags()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["env"] = "dev", ["costguard:stale"] = "x" });

        var outcomes = await Apply(h, AzureHarness.Policy(),
            Action(vm, ActionKind.Tag, "costguard:orphan", "2026-11-16T12:00:00Z"),
            Action(vm, ActionKind.Untag, "costguard:stale"));

        Assert.All(outcomes, o => Assert.Equal(ActionStatus.Applied, o.Status));
        Assert.Equal(new Dictionary<string, string> { ["env"] = "dev", ["costguard:orphan"] = "2026-11-16T12:00:00Z" }, vm.Tags);

        // One PATCH per tag change, never the 5-call tags-resource dance of AddTagAsync.
        Assert.Equal(2, h.Cloud.Count("PATCH", "/virtualMachines/gpu-orphan"));
        Assert.Equal(0, h.Cloud.Count("GET", "/providers/Microsoft.Resources"));
    }

    [Fact]
    public async Task Apply_TagAlreadySet_AlreadyDoneWithoutPatch()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-marked", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["costguard:orphan"] = "2026-11-01T00:00:00Z" });

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Tag, "costguard:orphan", "2026-11-01T00:00:00Z")));

        Assert.Equal(ActionStatus.AlreadyDone, outcome.Status);
        Assert.Equal(0, h.Cloud.Count("PATCH", "/virtualMachines/"));
    }

    [Fact]
    public async Task Apply_TerminateWithoutTerminateAfter_SkippedAndVmKept()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus");

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(p => p with { Orphans = new OrphanRule { StopAfter = TimeSpan.FromDays(1) } }), Action(vm, ActionKind.Terminate)));

        Assert.Equal(ActionStatus.Skipped, outcome.Status);
        Assert.Contains(vm, h.Cloud.Vms);
        Assert.Equal(0, h.Cloud.Count("DELETE", "/virtualMachines/"));
    }

    [Fact]
    public async Task Apply_TerminateAllowed_DeletesVm()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubA, "gpu-orphan", "eastus", tags: new(StringComparer.OrdinalIgnoreCase) { ["costguard:orphan"] = "2026-11-01T00:00:00Z" });
        var policy = AzureHarness.Policy(p => p with { Orphans = new OrphanRule { RequiredTags = ["owner"], TerminateAfter = TimeSpan.FromDays(7) } });

        var outcome = Assert.Single(await Apply(h, policy, Action(vm, ActionKind.Terminate)));

        Assert.Equal(ActionStatus.Applied, outcome.Status);
        Assert.DoesNotContain(vm, h.Cloud.Vms);
        Assert.Equal(1, h.Counter.Get("azure-arm", "deleteVirtualMachine"));
    }

    [Fact]
    public async Task Apply_ActionForOtherAccount_Skipped()
    {
        var h = new AzureHarness(Now);
        var vm = h.AddVm(AzureHarness.SubB, "gpu-b", "eastus");

        var outcome = Assert.Single(await Apply(h, AzureHarness.Policy(), Action(vm, ActionKind.Stop)));

        Assert.Equal(ActionStatus.Skipped, outcome.Status);
        Assert.Empty(h.Cloud.Requests);
    }
}
