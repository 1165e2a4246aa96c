using CostGuard.Engine;
using CostGuard.Policies;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>
/// A rule section of a policy that acts on instances: what the comparison reports per rule. Removing the
/// section switches the rule off, which is how a rule's share of the savings is measured.
/// </summary>
internal sealed record PolicyRule(string Name, IReadOnlyList<ActionReason> Reasons, Func<Policy, bool> IsOn, Func<Policy, Policy> Without)
{
    public static IReadOnlyList<PolicyRule> All { get; } =
    [
        new("idle", [ActionReason.Idle], p => p.Idle is not null, p => p with { Idle = null }),
        new("orphans", [ActionReason.Orphan], p => p.Orphans is not null, p => p with { Orphans = null }),
        new("spend-cap", [ActionReason.BurnCap, ActionReason.MonthlyCap], p => p.SpendCap is not null, p => p with { SpendCap = null }),
    ];
}
