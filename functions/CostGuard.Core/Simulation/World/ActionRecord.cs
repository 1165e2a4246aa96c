namespace CostGuard.Simulation.World;

/// <summary>A reported action whose next-active time is filled in as later trace rows arrive.</summary>
internal sealed class ActionRecord
{
    public ActionRecord(SimulatedAction action, bool tookDown)
    {
        Action = action;
        TookDown = tookDown;
    }

    /// <summary>True when the instance was running in the simulated world until this action (not already stopped by the guard).</summary>
    public bool TookDown { get; }

    public SimulatedAction Action { get; }

    public DateTimeOffset? NextActiveAt { get; set; }

    public SimulatedAction ToResult() => Action.IsDisruptive ? Action with { NextActiveAt = NextActiveAt } : Action;
}
