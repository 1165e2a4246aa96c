namespace CostGuard.Status;

/// <summary>What the last sweep of one (policy, account) saw, kept for the status page (which never calls a cloud).</summary>
public sealed record AccountStatus
{
    public required string Policy { get; init; }

    public required string Cloud { get; init; }

    public required string Account { get; init; }

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
}
