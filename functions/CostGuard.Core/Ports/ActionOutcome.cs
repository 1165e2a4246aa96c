using CostGuard.Engine;

namespace CostGuard.Ports;

/// <summary>What happened when one planned action was applied.</summary>
public sealed record ActionOutcome(PlannedAction Action, ActionStatus Status, string? Error = null);
