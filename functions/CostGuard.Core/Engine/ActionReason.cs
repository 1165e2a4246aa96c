namespace CostGuard.Engine;

/// <summary>Machine-readable reason for an action, in priority order for the safety limit (lowest value first).</summary>
public enum ActionReason
{
    MonthlyCap,
    BurnCap,
    Orphan,
    Idle,

    /// <summary>A GPU instance launched without the required tags under <c>orphans.atLaunch: "stop"</c>.</summary>
    UntaggedAtLaunch,
}
