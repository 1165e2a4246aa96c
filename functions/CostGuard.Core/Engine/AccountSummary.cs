using CostGuard.Policies;

namespace CostGuard.Engine;

/// <summary>Per-account figures behind a plan, for reports.</summary>
public sealed record AccountSummary
{
    public required CloudKind Cloud { get; init; }

    public required string Account { get; init; }

    public required int GpuInstances { get; init; }

    public required int BillingGpuInstances { get; init; }

    /// <summary>Live GPU burn before this plan's actions.</summary>
    public required decimal BurnUsdPerHour { get; init; }

    /// <summary>Live GPU burn once this plan's stops are applied.</summary>
    public required decimal BurnAfterPlanUsdPerHour { get; init; }

    public required decimal MonthToDateUsd { get; init; }

    public DateTimeOffset? SpendAsOf { get; init; }

    /// <summary>The billed part of <see cref="MonthToDateUsd"/> up to <see cref="SpendAsOf"/>; null when unknown.</summary>
    public decimal? BilledUsd { get; init; }

    public required EffectiveCaps Caps { get; init; }
}
