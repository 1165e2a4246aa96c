using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;

namespace CostGuard.Azure.Inventory;

/// <summary>
/// Lists a subscription's VMs twice, as ARM requires: the model list (size, tags, timeCreated) and the
/// <c>statusOnly=true</c> list (power state), joined on the case-insensitive resource id. The SDK follows nextLink.
/// </summary>
internal sealed class VmInventoryReader(ArmClient arm)
{
    public async Task<VmInventory> ListAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscriptionId));
        var models = new List<VirtualMachineData>();
        await foreach (var vm in subscription.GetVirtualMachinesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            models.Add(vm.Data);
        }

        var states = new Dictionary<string, (string? Power, DateTimeOffset? LastOperation)>(StringComparer.OrdinalIgnoreCase);
        await foreach (var vm in subscription.GetVirtualMachinesAsync(statusOnly: "true", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var statuses = vm.Data.InstanceView?.Statuses ?? [];
            var provisioned = statuses.FirstOrDefault(s => s.Code?.StartsWith("ProvisioningState/", StringComparison.OrdinalIgnoreCase) == true);
            states[vm.Id.ToString()] = (PowerStates.FromStatusCodes(statuses.Select(s => s.Code)), provisioned?.Time);
        }

        var vms = new List<AzureVm>(models.Count);
        var unmatched = new List<string>();
        foreach (var data in models)
        {
            var id = data.Id.ToString();
            if (!states.TryGetValue(id, out var state))
            {
                // Created between the two lists: its state is unknown until the next sweep.
                unmatched.Add(id);
            }

            vms.Add(new AzureVm
            {
                Id = id,
                Region = data.Location.Name,
                Size = data.HardwareProfile?.VmSize?.ToString() ?? string.Empty,
                Tags = ToTags(data.Tags),
                TimeCreated = data.TimeCreated,
                PowerState = state.Power,
                LastOperationTime = state.LastOperation,
                Spot = data.Priority == VirtualMachinePriorityType.Spot || data.Priority == VirtualMachinePriorityType.Low,
            });
        }

        return new VmInventory(vms, unmatched);
    }

    private static Dictionary<string, string> ToTags(IDictionary<string, string> tags)
    {
        // ARM tag names are case-insensitive; TryAdd keeps a malformed reply from throwing.
        var result = new Dictionary<string, string>(tags.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var pair in tags)
        {
            result.TryAdd(pair.Key, pair.Value);
        }

        return result;
    }
}
