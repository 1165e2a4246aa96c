using CostGuard.Simulation;

namespace CostGuard.Cli.Simulation.Comparison;

/// <summary>The actions only one of the two runs takes: what the policy change adds (+) and removes (-).</summary>
internal static class ActionDiff
{
    public static (IReadOnlyList<SimulatedAction> Added, IReadOnlyList<SimulatedAction> Removed) Of(SimulationResult baseline, SimulationResult changed)
    {
        var before = baseline.Actions.Select(Key).ToHashSet();
        var after = changed.Actions.Select(Key).ToHashSet();
        return (changed.Actions.Where(a => !before.Contains(Key(a))).ToList(), baseline.Actions.Where(a => !after.Contains(Key(a))).ToList());
    }

    private static (DateTimeOffset, Policies.CloudKind, string, string, Engine.ActionKind, Engine.ActionReason) Key(SimulatedAction a) =>
        (a.Time, a.Cloud, a.Account.ToUpperInvariant(), a.Instance, a.Action, a.Reason);
}
