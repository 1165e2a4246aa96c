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

    /// <summary>A new version of a policy blob failed validation; the last good version stays in force.</summary>
    PolicyInvalid,

    /// <summary>An account's sweeps failed several times in a row (app setting COSTGUARD_UNHEALTHY_AFTER_FAILURES).</summary>
    GuardUnhealthy,
}
