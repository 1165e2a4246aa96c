using CostGuard.Policies;

namespace CostGuard.Fleet;

/// <summary>One AWS account or Azure subscription: its GPU instances (every region, every environment) and spend.</summary>
public sealed record AccountSnapshot
{
    public required CloudKind Cloud { get; init; }

    public required string Id { get; init; }

    /// <summary>GPU spend of the account this UTC month, including live burn since billing last refreshed.</summary>
    public decimal MonthToDateUsd { get; init; }

    /// <summary>When the billing data behind <see cref="MonthToDateUsd"/> was current; null when unknown.</summary>
    public DateTimeOffset? SpendAsOf { get; init; }

    /// <summary>
    /// The billed part of <see cref="MonthToDateUsd"/>: GPU spend the billing data shows this month up to
    /// <see cref="SpendAsOf"/> (the rest is live burn since). Null when billing was not read or the source gives only the total.
    /// </summary>
    public decimal? BilledUsd { get; init; }

    public required IReadOnlyList<InstanceSnapshot> Instances { get; init; }

    /// <summary>Closed UTC days of GPU spend and active users, for the cost-per-active-user anomaly rule.</summary>
    public IReadOnlyList<DailyUsage> DailyUsage { get; init; } = [];
}
