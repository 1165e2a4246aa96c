using Azure;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using CostGuard.Azure.Actions;
using CostGuard.Azure.Http;
using CostGuard.Azure.Inventory;
using CostGuard.Azure.Pricing;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Azure.Launches;

/// <summary>
/// The launch path's Azure view: one GET of the VM with its instance view (size, tags, power state, last start), priced
/// from the shipped table, and the one action through the sweep's own VM action applier (deallocate, merged tag PATCH).
/// </summary>
public sealed class AzureInstanceReader : IInstanceReader
{
    private readonly AzureClients _clients;
    private readonly VmActionApplier _actions;

    public AzureInstanceReader(AzureProviderOptions options, ApiRequestCounter counter, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = new AzureClients(options, counter, time);
        _actions = new VmActionApplier(_clients.Arm, time, options);
    }

    public CloudKind Cloud => CloudKind.Azure;

    public async Task<InstanceReadResult> ReadInstanceAsync(Policy policy, AccountScope account, string region, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(account);
        try
        {
            var vm = _clients.Arm.GetVirtualMachineResource(new global::Azure.Core.ResourceIdentifier(instanceId));
            var data = (await vm.GetAsync(InstanceViewType.InstanceView, cancellationToken).ConfigureAwait(false)).Value.Data;
            var statuses = data.InstanceView?.Statuses ?? [];
            var provisioned = statuses.FirstOrDefault(s => s.Code?.StartsWith("ProvisioningState/", StringComparison.OrdinalIgnoreCase) == true);
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in data.Tags)
            {
                tags.TryAdd(pair.Key, pair.Value);
            }

            // The same launch time the inventory computes, so the ledger recognises the same run of the VM.
            var shape = new AzureVm
            {
                Id = data.Id.ToString(),
                Region = data.Location.Name,
                Size = data.HardwareProfile?.VmSize?.ToString() ?? string.Empty,
                Tags = tags,
                TimeCreated = data.TimeCreated,
                PowerState = PowerStates.FromStatusCodes(statuses.Select(s => s.Code)),
                LastOperationTime = provisioned?.Time,
                Spot = data.Priority == VirtualMachinePriorityType.Spot || data.Priority == VirtualMachinePriorityType.Low,
            };
            return InstanceReadResult.Found(new InstanceSnapshot
            {
                Cloud = CloudKind.Azure,
                Account = account.Id,
                Region = shape.Region,
                Id = shape.Id,
                Type = shape.Size,
                State = PowerStates.ToInstanceState(shape.PowerState),
                LaunchTime = shape.LaunchTime ?? DateTimeOffset.UnixEpoch,
                Tags = tags,
                UsdPerHour = AzurePricer.PriceOf(AzurePriceTable.Shipped, policy.Pricing, shape.Region, shape.Size) ?? 0m,
                Spot = shape.Spot,
            });
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return InstanceReadResult.NotFound();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return InstanceReadResult.Failed($"ARM GET {instanceId}: {(ex is RequestFailedException r ? $"{r.ErrorCode} (HTTP {r.Status})" : ex.GetType().Name)}: {ex.Message}");
        }
    }

    public async Task<ActionOutcome> ApplyAsync(Policy policy, AccountScope account, PlannedAction action, CancellationToken cancellationToken) =>
        (await _actions.ApplyAsync(policy, account, [action], stillIdle: null, cancellationToken).ConfigureAwait(false))[0];
}
