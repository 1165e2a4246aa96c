namespace CostGuard.Status;

/// <summary>What the last sweep of one (policy, account) saw, kept for the status page (which never calls a cloud).</summary>
public sealed record AccountStatus
{
    public required string Policy { get; init; }

    public required string Cloud { get; init; }

    public required string Account { get; init; }

    public required DateTimeOffset SweptAt { get; init; }

    public required string SweepId { get; init; }

    public required decimal BurnUsdPerHour { get; init; }

    public decimal? MaxHourlyBurnUsd { get; init; }

    public decimal? MonthlyUsd { get; init; }

    /// <summary>Billed spend up to <see cref="BilledThrough"/> plus live burn since.</summary>
    public required decimal MonthToDateUsd { get; init; }

    /// <summary>Billed GPU spend this month up to <see cref="BilledThrough"/>.</summary>
    public required decimal BilledUsd { get; init; }

    /// <summary>The end of the billing data (billing lags 8-24 h); null when the billing API gave nothing.</summary>
    public DateTimeOffset? BilledThrough { get; init; }

    /// <summary>Live burn since <see cref="BilledThrough"/> (inventory x price).</summary>
    public required decimal LiveSinceUsd { get; init; }

    public int GpuInstances { get; init; }

    public IReadOnlyList<OrphanMark> OrphanMarks { get; init; } = [];

    public IReadOnlyList<ExpiringExemption> ExemptionsExpiring { get; init; } = [];
}
