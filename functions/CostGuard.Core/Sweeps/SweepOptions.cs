using CostGuard.Policies;
using CostGuard.Ports;

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

    /// <summary>
    /// The sweep's id (the scheduler's idempotency key and part of every action id). Null means
    /// <c>SweepIds.For(policy.Name, SweepIds.DueTime(now, policy.SweepInterval))</c>, so a rerun within the same
    /// interval is the same sweep.
    /// </summary>
    public string? SweepId { get; init; }

    /// <summary>
    /// Only these of the policy's accounts (matched by cloud and id); null means all of them. The Functions app sweeps one
    /// account per queue message.
    /// </summary>
    public IReadOnlyList<AccountScope>? Accounts { get; init; }

    /// <summary>
    /// The sweep-wide safety budget shared by the account sweeps of one sweep id. When set (and the policy has
    /// <c>safety.maxActionsPerSweep</c>), disruptive actions beyond what the budget grants are deferred with an
    /// <c>action-limit</c> alert, exactly as the engine's own limit defers them.
    /// </summary>
    public ISweepBudget? Budget { get; init; }

    /// <summary>Who claims from <see cref="Budget"/>; null means the swept accounts, e.g. <c>aws:111122223333</c>.</summary>
    public string? BudgetClaimant { get; init; }

    /// <summary>
    /// One sweep per account at a time: when set, each account's lease is taken before it is read and held until its
    /// actions are audited; an account whose lease another holder has is reported <c>skipped: another sweep holds the
    /// lock</c> and neither read nor acted on.
    /// </summary>
    public IAccountLock? Lock { get; init; }

    /// <summary>This sweep's name in the lock (e.g. <c>host:pid:guid</c>); null means a new guid.</summary>
    public string? LockHolder { get; init; }

    /// <summary>How long a lease lasts unless renewed (renewed before acting); a crashed holder blocks at most this long.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(10);
}
