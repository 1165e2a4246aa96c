using CostGuard.Engine;

namespace CostGuard.Simulation.World;

/// <summary>Identifies "the same planned action" across evaluations: a dry-run reports it once while it stays planned.</summary>
internal readonly record struct PlannedActionKey(ActionKind Action, ActionReason Reason, string? TagKey);
