namespace CostGuard.Simulation;

/// <summary>A reported action whose next-active time is filled in as later trace rows arrive.</summary>
internal sealed class ActionRecord
{
    public ActionRecord(SimulatedAction action) => Action = action;

    public SimulatedAction Action { get; }

    public DateTimeOffset? NextActiveAt { get; set; }

    public SimulatedAction ToResult() => Action.IsDisruptive ? Action with { NextActiveAt = NextActiveAt } : Action;
}
