using CostGuard.Policies;

namespace CostGuard.Fleet;

/// <summary>One instance (EC2 instance or Azure VM) as the engine sees it.</summary>
public sealed record InstanceSnapshot
{
    public required CloudKind Cloud { get; init; }

    public required string Account { get; init; }

    public required string Region { get; init; }

    /// <summary>EC2 instance id or Azure VM resource id.</summary>
    public required string Id { get; init; }

    /// <summary>EC2 instance type or Azure VM size.</summary>
    public required string Type { get; init; }

    public required InstanceState State { get; init; }

    /// <summary>When the instance last started running (EC2 LaunchTime, Azure last start or timeCreated).</summary>
    public required DateTimeOffset LaunchTime { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyTags;

    /// <summary>On-demand (or negotiated) price while billing compute.</summary>
    public decimal UsdPerHour { get; init; }

    public bool Spot { get; init; }

    /// <summary>Utilization samples in time order, covering at least the idle window.</summary>
    public IReadOnlyList<UtilizationSample> Samples { get; init; } = [];

    /// <summary>True while the instance bills compute: running, starting, or Azure "stopped" without deallocation.</summary>
    public bool IsBilling => State is InstanceState.Running or InstanceState.Pending or InstanceState.PoweredOff;

    internal static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    /// <summary>Tag value by key; tag keys compare case-insensitively as on Azure (AWS keys rarely differ only by case).</summary>
    public string? Tag(string key)
    {
        if (Tags.TryGetValue(key, out var value))
        {
            return value;
        }

        // Tags are a Dictionary almost always: its struct enumerator spares an allocation per lookup that misses.
        if (Tags is Dictionary<string, string> dictionary)
        {
            foreach (var pair in dictionary)
            {
                if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Value;
                }
            }

            return null;
        }

        foreach (var pair in Tags)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
