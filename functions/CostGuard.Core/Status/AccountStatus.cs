namespace CostGuard.Status;

/// <summary>
/// What the last sweep of one (policy, account) that read the inventory whole saw, kept for the status page (which never
/// calls a cloud). A later sweep whose inventory read failed keeps these figures and only sets <see cref="ReadFailedAt"/>.
/// </summary>
public sealed record AccountStatus
{
    public required string Policy { get; init; }

    public required string Cloud { get; init; }

    public required string Account { get; init; }

    /// <summary>When these figures were read: the last sweep that read the account's inventory whole.</summary>
    public required DateTimeOffset SweptAt { get; init; }

    public required string SweepId { get; init; }

    /// <summary>Live GPU burn the sweep saw (inventory x price), before its actions.</summary>
    public required decimal BurnUsdPerHour { get; init; }

    /// <summary>
    /// Live GPU burn once what the sweep did takes effect (its applied stops gone); the rate the status page carries the
    /// month to date forward with. Null in figures saved before it was recorded (then <see cref="BurnUsdPerHour"/>).
    /// </summary>
    public decimal? BurnAfterSweepUsdPerHour { get; init; }

    public decimal? MaxHourlyBurnUsd { get; init; }

    public decimal? MonthlyUsd { get; init; }

    /// <summary>Month to date as the sweep computed it at <see cref="SweptAt"/>: <see cref="BilledUsd"/> (or nothing) plus <see cref="LiveSinceUsd"/>.</summary>
    public required decimal MonthToDateUsd { get; init; }

    /// <summary>Billed GPU spend this month up to <see cref="BilledThrough"/>, from the billing data; null when the sweep had none.</summary>
    public decimal? BilledUsd { get; init; }

    /// <summary>The end of the billing data (billing lags 8-24 h); null when the sweep had no billing data.</summary>
    public DateTimeOffset? BilledThrough { get; init; }

    /// <summary>
    /// Live burn (each billing instance's price since the later of its launch and <see cref="BilledThrough"/>, or the month
    /// start when billing is unknown) up to <see cref="SweptAt"/>, as the adapter computed it.
    /// </summary>
    public required decimal LiveSinceUsd { get; init; }

    public int GpuInstances { get; init; }

    public IReadOnlyList<OrphanMark> OrphanMarks { get; init; } = [];

    public IReadOnlyList<ExpiringExemption> ExemptionsExpiring { get; init; } = [];

    /// <summary>
    /// The last sweep after <see cref="SweptAt"/> whose inventory read failed or was incomplete, so these figures were not
    /// refreshed (they are stale); null when the last sweep that read the account refreshed them.
    /// </summary>
    public DateTimeOffset? ReadFailedAt { get; init; }

    /// <summary>Why that read failed (names the region/call, never a secret); null with <see cref="ReadFailedAt"/>.</summary>
    public string? ReadError { get; init; }

    /// <summary>
    /// The billing read of the sweep at <see cref="SweptAt"/> failed: <see cref="BilledUsd"/> and <see cref="BilledThrough"/>
    /// are then the last known ones (an earlier sweep's, with their own end), or null when none was ever known.
    /// </summary>
    public string? BillingError { get; init; }
}
