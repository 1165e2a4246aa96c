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
/// terminate = delete the VM only when the policy allows termination. Each VM's actions run in order; VMs in parallel.
/// Long-running operations are started and polled here with a bound, so one stuck VM cannot stall the sweep.
/// </summary>
internal sealed class VmActionApplier(ArmClient arm, AsyncDelay delay, AzureProviderOptions options)
{
    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        var outcomes = new ActionOutcome[actions.Count];
        var byVm = actions.Select((action, index) => (action, index)).GroupBy(p => p.action.Instance.Id, StringComparer.OrdinalIgnoreCase);
        await Parallel.ForEachAsync(
            byVm,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelActions), CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var (action, index) in group)
                {
                    outcomes[index] = await ApplyOneAsync(policy, account, action, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<ActionOutcome> ApplyOneAsync(Policy policy, AccountScope account, PlannedAction action, CancellationToken cancellationToken)
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
                ActionKind.Stop => await DeallocateAsync(vm, action, cancellationToken).ConfigureAwait(false),
                ActionKind.Terminate => await DeleteAsync(vm, action, cancellationToken).ConfigureAwait(false),
                ActionKind.Tag or ActionKind.Untag => await RetagAsync(vm, action, cancellationToken).ConfigureAwait(false),
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

    private async Task<ActionOutcome> DeallocateAsync(VirtualMachineResource vm, PlannedAction action, CancellationToken cancellationToken)
    {
        // Check the current state first: deallocating a deallocated VM is a no-op, not another LRO.
        var current = await vm.GetAsync(InstanceViewType.InstanceView, cancellationToken).ConfigureAwait(false);
        var power = PowerStates.FromStatusCodes(current.Value.Data.InstanceView?.Statuses.Select(s => s.Code) ?? []);
        if (PowerStates.IsDeallocatedOrGoing(power))
        {
            return new ActionOutcome(action, ActionStatus.AlreadyDone, $"VM is already {power}");
        }

        var operation = await vm.DeallocateAsync(WaitUntil.Started, hibernate: null, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(operation, action, "deallocation", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionOutcome> DeleteAsync(VirtualMachineResource vm, PlannedAction action, CancellationToken cancellationToken)
    {
        var operation = await vm.DeleteAsync(WaitUntil.Started, forceDeletion: null, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(operation, action, "deletion", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionOutcome> RetagAsync(VirtualMachineResource vm, PlannedAction action, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(action.TagKey))
        {
            return new ActionOutcome(action, ActionStatus.Failed, "tag action without a tag key");
        }

        // A PATCH with tags replaces the whole set: read the VM's tags now (not the sweep's copy) and merge.
        var current = await vm.GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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

        var operation = await vm.UpdateAsync(WaitUntil.Started, patch, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(operation, action, "tag update", cancellationToken).ConfigureAwait(false);
    }

    private async Task<ActionOutcome> CompleteAsync(Operation operation, PlannedAction action, string what, CancellationToken cancellationToken)
    {
        for (var polls = 0; !operation.HasCompleted; polls++)
        {
            if (polls >= options.MaxPolls)
            {
                return new ActionOutcome(action, ActionStatus.Failed,
                    $"{what} accepted by Azure but still running after {options.MaxPolls} polls; the next sweep sees its result");
            }

            await delay(options.PollInterval, cancellationToken).ConfigureAwait(false);

            // Throws RequestFailedException (status 200, the operation's error code) when the operation failed.
            await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }

        return new ActionOutcome(action, ActionStatus.Applied);
    }
}
