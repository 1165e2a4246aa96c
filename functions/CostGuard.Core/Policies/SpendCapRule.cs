namespace CostGuard.Policies;

/// <summary>Account-level GPU spend caps. Each cap applies to every account separately, never fleet-wide.</summary>
public sealed record SpendCapRule
{
    /// <summary>Month-to-date GPU spend at which every non-exempt running GPU instance of the account is stopped.</summary>
    public decimal? MonthlyUsd { get; init; }

    /// <summary>Live GPU burn (USD/hour) above which the newest instances are stopped until back under.</summary>
    public decimal? MaxHourlyBurnUsd { get; init; }

    /// <summary>Percentages of <see cref="MonthlyUsd"/> that raise a one-per-month warning.</summary>
    public IReadOnlyList<int> WarnAtPercent { get; init; } = [];

    /// <summary>Overrides for single accounts, keyed by account id.</summary>
    public IReadOnlyDictionary<string, AccountCapOverride> PerAccount { get; init; } = new Dictionary<string, AccountCapOverride>();

    /// <summary>The caps in force for one account, after its override.</summary>
    public EffectiveCaps For(string accountId)
    {
        // Every account on every sweep asks: a plain loop (the first override in the policy's order wins).
        AccountCapOverride? match = null;
        if (PerAccount.Count > 0)
        {
            foreach (var pair in PerAccount)
            {
                if (string.Equals(pair.Key, accountId, StringComparison.OrdinalIgnoreCase))
                {
                    match = pair.Value;
                    break;
                }
            }
        }

        return new EffectiveCaps(
            match?.MonthlyUsd ?? MonthlyUsd,
            match?.MaxHourlyBurnUsd ?? MaxHourlyBurnUsd,
            match?.WarnAtPercent ?? WarnAtPercent);
    }
}
