using Azure;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using CostGuard.Azure.Http;
using CostGuard.Azure.Inventory;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Azure.Actions;

/// <summary>
/// Applies planned actions to VMs: stop = deallocate (a powered-off VM still bills), tags = one merged PATCH,
/// terminate = delete the VM only when the policy allows termination. Each VM's actions run in order; all VMs side by
/// side, with at most <see cref="AzureProviderOptions.MaxParallelActions"/> ARM requests in flight. Before each
/// changing call the VM is read again (one GET, needed anyway for the power state or the tag merge) and Core's
/// act-time re-check decides whether the decision still holds. Long-running operations are polled with a bound and
/// the sweep deadline, so one stuck VM cannot stall the sweep.
/// </summary>
internal sealed class VmActionApplier(ArmClient arm, TimeProvider time, AzureProviderOptions options)
{
    /// <param name="stillIdle">
    /// When the read the plan rests on is older than the idle window: the VMs a fresh read still finds idle. Idle
    /// stops of other VMs are skipped. Null when the read is recent enough.
    /// </param>
    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(
        Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, IReadOnlySet<string>? stillIdle, CancellationToken cancellationToken)
    {
        var outcomes = new ActionOutcome[actions.Count];
        using var slots = new ArmSlots(options.MaxParallelActions);
        var run = new Run(policy, slots, new OperationPoller(time, options, slots), stillIdle);
        var byVm = actions.Select((action, index) => (action, index)).GroupBy(p => p.action.Instance.Id, StringComparer.OrdinalIgnoreCase);
        await Task.WhenAll(byVm.Select(async group =>
        {
            foreach (var (action, index) in group)
            {
                outcomes[index] = SweepDeadline.Passed(time)
                    ? new ActionOutcome(action, ActionStatus.Skipped, "left undone: the sweep deadline passed before this action started; the next sweep takes it up")
                    : await ApplyOneAsync(run, account, action, cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<ActionOutcome> ApplyOneAsync(Run run, AccountScope account, PlannedAction action, CancellationToken cancellationToken)
    {
        var instance = action.Instance;
        if (instance.Cloud != CloudKind.Azure || !string.Equals(instance.Account, account.Id, StringComparison.OrdinalIgnoreCase))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, $"VM belongs to {instance.Cloud} account {instance.Account}, not Azure subscription {account.Id}");
        }

        if (action.Action == ActionKind.Terminate && run.Policy.Orphans?.TerminateAfter is null)
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "the policy does not allow termination (orphans.terminateAfter is not set)");
        }

        if (action.Action == ActionKind.Stop && action.Reason == ActionReason.Idle && run.StillIdle is { } stillIdle && !stillIdle.Contains(instance.Id))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "no longer idle: the read was older than the idle window and a fresh read does not find it idle");
        }

        try
        {
            var vm = arm.GetVirtualMachineResource(new global::Azure.Core.ResourceIdentifier(instance.Id));
            return action.Action switch
            {
                ActionKind.Stop => await DeallocateAsync(run, vm, action, cancellationToken).ConfigureAwait(false),
                ActionKind.Terminate => await DeleteAsync(run, vm, action, cancellationToken).ConfigureAwait(false),
                ActionKind.Tag or ActionKind.Untag => await RetagAsync(run, vm, action, cancellationToken).ConfigureAwait(false),
                _ => new ActionOutcome(action, ActionStatus.Skipped, $"action {action.Action} is not supported on Azure"),
            };
        }
        catch (RequestFailedException ex)
        {
            var (status, error) = ActionFailures.Classify(ex);
            return new ActionOutcome(action, status, error);
        }
        catch (FormatException ex)
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"'{instance.Id}' is not an Azure resource id: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else (an unreadable reply, a transport failure) fails this action only, never the others.
            return new ActionOutcome(action, ActionStatus.Failed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<ActionOutcome> DeallocateAsync(Run run, VirtualMachineResource vm, PlannedAction action, CancellationToken cancellationToken)
    {
        // The current state and tags: deallocating a deallocated VM is a no-op, and an exemption added since the read cancels.
        var current = await run.Slots.RunAsync(() => vm.GetAsync(InstanceViewType.InstanceView, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (Recheck(run, action, current.Value.Data) is { } unsent)
        {
            return unsent;
        }

        var operation = await run.Slots.RunAsync(() => vm.DeallocateAsync(WaitUntil.Started, hibernate: null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await run.Poller.CompleteAsync(operation, action, "deallocation", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionOutcome> DeleteAsync(Run run, VirtualMachineResource vm, PlannedAction action, CancellationToken cancellationToken)
    {
        var current = await run.Slots.RunAsync(() => vm.GetAsync(InstanceViewType.InstanceView, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (Recheck(run, action, current.Value.Data) is { } unsent)
        {
            return unsent;
        }

        var operation = await run.Slots.RunAsync(() => vm.DeleteAsync(WaitUntil.Started, forceDeletion: null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await run.Poller.CompleteAsync(operation, action, "deletion", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionOutcome> RetagAsync(Run run, VirtualMachineResource vm, PlannedAction action, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(action.TagKey))
        {
            return new ActionOutcome(action, ActionStatus.Failed, "tag action without a tag key");
        }

        // A PATCH with tags replaces the whole set: read the VM's tags now (not the sweep's copy) and merge.
        var current = await run.Slots.RunAsync(() => vm.GetAsync(cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        if (Recheck(run, action, current.Value.Data) is { } unsent)
        {
            return unsent;
        }

        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in current.Value.Data.Tags)
        {
            merged.TryAdd(pair.Key, pair.Value);
        }

        if (action.Action == ActionKind.Tag)
        {
            merged[action.TagKey] = action.TagValue ?? "";
        }
        else
        {
            merged.Remove(action.TagKey);
        }

        var patch = new VirtualMachinePatch();
        foreach (var pair in merged)
        {
            patch.Tags[pair.Key] = pair.Value;
        }

        var operation = await run.Slots.RunAsync(() => vm.UpdateAsync(WaitUntil.Started, patch, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await run.Poller.CompleteAsync(operation, action, "tag update", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Core's act-time re-check against the VM as just read; null when the call should go out.</summary>
    private ActionOutcome? Recheck(Run run, PlannedAction action, VirtualMachineData data)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in data.Tags)
        {
            tags.TryAdd(pair.Key, pair.Value);
        }

        var power = data.InstanceView is { } view ? PowerStates.FromStatusCodes(view.Statuses.Select(s => s.Code)) : null;
        var current = action.Instance with
        {
            Tags = tags,
            State = data.InstanceView is null ? action.Instance.State : PowerStates.ToInstanceState(power),

            // ARM cannot tell a restart from a tag update without the activity log: the launch time stays the read's.
            LaunchTime = action.Instance.LaunchTime,
        };
        var verdict = ActTimeCheck.Check(run.Policy, action, current, time.GetUtcNow());
        if (verdict.Status is not { } status)
        {
            return null;
        }

        var reason = verdict.Reason ?? verdict.Decision.ToString();
        if (status == ActionStatus.AlreadyDone && action.Action == ActionKind.Stop && power is not null)
        {
            reason = $"{reason} (VM is {power})";
        }

        return new ActionOutcome(action, status, status == ActionStatus.Skipped ? $"skipped: {reason}" : reason);
    }

    private sealed record Run(Policy Policy, ArmSlots Slots, OperationPoller Poller, IReadOnlySet<string>? StillIdle);
}
