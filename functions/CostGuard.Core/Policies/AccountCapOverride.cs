namespace CostGuard.Policies;

/// <summary>Caps for one account that replace the policy-wide ones.</summary>
public sealed record AccountCapOverride
{
    public decimal? MonthlyUsd { get; init; }

    public decimal? MaxHourlyBurnUsd { get; init; }

    public IReadOnlyList<int>? WarnAtPercent { get; init; }
}
