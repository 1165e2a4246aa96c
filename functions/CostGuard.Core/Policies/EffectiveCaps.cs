namespace CostGuard.Policies;

/// <summary>The spend caps in force for one account.</summary>
public sealed record EffectiveCaps(decimal? MonthlyUsd, decimal? MaxHourlyBurnUsd, IReadOnlyList<int> WarnAtPercent);
