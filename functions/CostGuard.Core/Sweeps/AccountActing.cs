using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>What acting on one account produced: an outcome per action, and those that were never sent (no intent).</summary>
internal sealed record AccountActing(IReadOnlyList<ActionOutcome> Outcomes, IReadOnlyList<ActionOutcome> Unsent);
