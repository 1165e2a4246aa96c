using CostGuard.Fleet;

namespace CostGuard.Azure.Inventory;

/// <summary>Maps Azure power states to Core's states. Only "deallocated" stops compute billing.</summary>
internal static class PowerStates
{
    public const string Prefix = "PowerState/";

    /// <summary>The power state from instance-view status codes, by prefix (its index varies).</summary>
    public static string? FromStatusCodes(IEnumerable<string?> codes) =>
        codes.FirstOrDefault(c => c is not null && c.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))?[Prefix.Length..].ToLowerInvariant();

    public static InstanceState ToInstanceState(string? powerState) => powerState switch
    {
        "running" => InstanceState.Running,
        "starting" => InstanceState.Pending,
        "stopping" => InstanceState.Stopping,
        "deallocating" => InstanceState.Stopping,

        // Powered off but still holding (and billing) its compute allocation.
        "stopped" => InstanceState.PoweredOff,
        "deallocated" => InstanceState.Stopped,

        // Unknown or absent: assume it bills, so it counts in burn and spend (fail safe for a cost guard).
        _ => InstanceState.Pending,
    };

    public static bool IsDeallocatedOrGoing(string? powerState) => powerState is "deallocated" or "deallocating";
}
