using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>What a policy would have done over a fleet trace, and what it would have saved.</summary>
public sealed record SimulationResult
{
    public required string PolicyName { get; init; }

    public required PolicyMode Mode { get; init; }

    public required DateTimeOffset TraceStart { get; init; }

    public required DateTimeOffset TraceEnd { get; init; }

    /// <summary>Distinct (cloud, account, instance) in the trace.</summary>
    public required int Instances { get; init; }

    public required long Rows { get; init; }

    /// <summary>GPU spend the trace recorded.</summary>
    public required decimal SpendWithoutUsd { get; init; }

    /// <summary>GPU spend with the guard's stops applied (equal to the above in dry-run).</summary>
    public required decimal SpendWithUsd { get; init; }

    public required IReadOnlyList<SimulatedAction> Actions { get; init; }

    public required IReadOnlyList<SimulatedAlert> Alerts { get; init; }

    public required IReadOnlyList<Disruption> Disruptions { get; init; }

    public required IReadOnlyList<AccountTimeline> Accounts { get; init; }

    /// <summary>
    /// GPU spend saved per rule: the spend avoided by each instance counts for the rule whose stop or terminate
    /// first took it down. Sums to the total saved (zero in dry-run, where nothing is applied).
    /// </summary>
    public IReadOnlyDictionary<ActionReason, decimal> SavedUsdByReason { get; init; } = new Dictionary<ActionReason, decimal>();

    /// <summary>True when the rows were not in time order and had to be sorted in memory.</summary>
    public bool SortedInMemory { get; init; }
}
