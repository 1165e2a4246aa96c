namespace CostGuard.Azure.Inventory;

/// <summary>A subscription's VMs, and the ids the status list did not contain (power state unknown).</summary>
internal sealed record VmInventory(IReadOnlyList<AzureVm> Vms, IReadOnlyList<string> WithoutPowerState);
