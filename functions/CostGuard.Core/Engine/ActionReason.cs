namespace CostGuard.Engine;

/// <summary>Machine-readable reason for an action, in priority order for the safety limit (lowest value first).</summary>
public enum ActionReason
{
    MonthlyCap,
    BurnCap,
    Orphan,
    Idle,
}
