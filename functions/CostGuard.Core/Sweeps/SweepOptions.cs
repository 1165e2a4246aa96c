namespace CostGuard.Sweeps;

/// <summary>How one sweep runs.</summary>
public sealed record SweepOptions
{
    /// <summary>
    /// True for <c>enforce</c> and the timer: apply the plan (unless the policy is dry-run), save the guard
    /// memory and hand alerts to the notifier. False for <c>plan</c>: read, decide and audit as "planned" only.
    /// </summary>
    public bool Act { get; init; }

    /// <summary>Accounts read at the same time; each adapter bounds its own regions inside an account.</summary>
    public int MaxParallelAccounts { get; init; } = 4;
}
