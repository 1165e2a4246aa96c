namespace CostGuard.Engine;

/// <summary>What an alert is about.</summary>
public enum AlertKind
{
    CapWarning,
    CapBreach,
    BurnCap,
    Anomaly,
    ExemptionInvalid,
    ActionLimit,

    /// <summary>The guard itself failed (an account's inventory or an action); raised by the sweep, not the engine.</summary>
    GuardFailure,
}
