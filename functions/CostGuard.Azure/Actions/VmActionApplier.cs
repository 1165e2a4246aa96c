using Azure;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using CostGuard.Azure.Http;
using CostGuard.Azure.Inventory;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Azure.Actions;

/// <summary>
/// Applies planned actions to VMs: stop = deallocate (a powered-off VM still bills), tags = one merged PATCH,
/// terminate = delete the VM only when the policy allows termination. Each VM's actions run in order; all VMs side by
/// side, with at most <see cref="AzureProviderOptions.MaxParallelActions"/> ARM requests in flight. Long-running
/// operations are polled with a bound and the sweep deadline, so one stuck VM cannot stall the sweep.
/// </summary>
internal sealed class VmActionApplier(ArmClient arm, TimeProvider time, AzureProviderOptions options)
{
    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        var outcomes = new ActionOutcome[actions.Count];
        using var slots = new ArmSlots(options.MaxParallelActions);
        var poller = new OperationPoller(time, options, slots);
        var byVm = actions.Select((action, index) => (action, index)).GroupBy(p => p.action.Instance.Id, StringComparer.OrdinalIgnoreCase);
        await Task.WhenAll(byVm.Select(async group =>
        {
            foreach (var (action, index) in group)
            {
                outcomes[index] = SweepDeadline.Passed(time)
                    ? new ActionOutcome(action, ActionStatus.Skipped, "left undone: the sweep deadline passed before this action started; the next sweep takes it up")
                    : await ApplyOneAsync(policy, account, action, slots, poller, cancellationToken).ConfigureAwait(false);
            }
        })).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<ActionOutcome> ApplyOneAsync(Policy policy, AccountScope account, PlannedAction action, ArmSlots slots, OperationPoller poller, CancellationToken cancellationToken)
    {
        var instance = action.Instance;
        if (instance.Cloud != CloudKind.Azure || !string.Equals(instance.Account, account.Id, StringComparison.OrdinalIgnoreCase))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, $"VM belongs to {instance.Cloud} account {instance.Account}, not Azure subscription {account.Id}");
        }

        if (action.Action == ActionKind.Terminate && policy.Orphans?.TerminateAfter is null)
        {
            return new ActionOutcome(action, ActionStatus.Skipped, "the policy does not allow termination (orphans.terminateAfter is not set)");
        }

        try
        {
            var vm = arm.GetVirtualMachineResource(new global::Azure.Core.ResourceIdentifier(instance.Id));
            return action.Action switch
            {
                ActionKind.Stop => await DeallocateAsync(vm, action, slots, poller, cancellationToken).ConfigureAwait(false),
                ActionKind.Terminate => await DeleteAsync(vm, action, slots, poller, cancellationToken).ConfigureAwait(false),
                ActionKind.Tag or ActionKind.Untag => await RetagAsync(vm, action, slots, poller, cancellationToken).ConfigureAwait(false),
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

    private static async Task<ActionOutcome> DeallocateAsync(VirtualMachineResource vm, PlannedAction action, ArmSlots slots, OperationPoller poller, CancellationToken cancellationToken)
    {
        // Check the current state first: deallocating a deallocated VM is a no-op, not another LRO.
        var current = await slots.RunAsync(() => vm.GetAsync(InstanceViewType.InstanceView, cancellationToken), cancellationToken).ConfigureAwait(false);
        var power = PowerStates.FromStatusCodes(current.Value.Data.InstanceView?.Statuses.Select(s => s.Code) ?? []);
        if (PowerStates.IsDeallocatedOrGoing(power))
        {
            return new ActionOutcome(action, ActionStatus.AlreadyDone, $"VM is already {power}");
        }

        var operation = await slots.RunAsync(() => vm.DeallocateAsync(WaitUntil.Started, hibernate: null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await poller.CompleteAsync(operation, action, "deallocation", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ActionOutcome> DeleteAsync(VirtualMachineResource vm, PlannedAction action, ArmSlots slots, OperationPoller poller, CancellationToken cancellationToken)
    {
        var operation = await slots.RunAsync(() => vm.DeleteAsync(WaitUntil.Started, forceDeletion: null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await poller.CompleteAsync(operation, action, "deletion", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ActionOutcome> RetagAsync(VirtualMachineResource vm, PlannedAction action, ArmSlots slots, OperationPoller poller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(action.TagKey))
        {
            return new ActionOutcome(action, ActionStatus.Failed, "tag action without a tag key");
        }

        // A PATCH with tags replaces the whole set: read the VM's tags now (not the sweep's copy) and merge.
        var current = await slots.RunAsync(() => vm.GetAsync(cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in current.Value.Data.Tags)
        {
            merged.TryAdd(pair.Key, pair.Value);
        }

        if (action.Action == ActionKind.Tag)
        {
            var value = action.TagValue ?? "";
            if (merged.TryGetValue(action.TagKey, out var existing) && existing == value)
            {
                return new ActionOutcome(action, ActionStatus.AlreadyDone, $"tag {action.TagKey} already has that value");
            }

            merged[action.TagKey] = value;
        }
        else if (!merged.Remove(action.TagKey))
        {
            return new ActionOutcome(action, ActionStatus.AlreadyDone, $"tag {action.TagKey} is already absent");
        }

        var patch = new VirtualMachinePatch();
        foreach (var pair in merged)
        {
            patch.Tags[pair.Key] = pair.Value;
        }

        var operation = await slots.RunAsync(() => vm.UpdateAsync(WaitUntil.Started, patch, cancellationToken), cancellationToken).ConfigureAwait(false);
        return await poller.CompleteAsync(operation, action, "tag update", cancellationToken).ConfigureAwait(false);
    }
}
