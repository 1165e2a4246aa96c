using CostGuard.Engine;

namespace CostGuard.Simulation.World;

/// <summary>
/// Identifies "the same planned action" across evaluations, per instance: a dry-run reports it once while it
/// stays planned, whatever its reason becomes (an idle stop that turns into a burn-cap stop is still one stop).
/// Tag actions differ by the tag they set.
/// </summary>
internal readonly record struct PlannedActionKey(ActionKind Action, string? TagKey);
