using CostGuard.Ports;

namespace CostGuard.Status;

/// <summary>One account of one policy on the status page: its last figures and its health.</summary>
public sealed record AccountView
{
    public required string Cloud { get; init; }

    public required string Account { get; init; }

    /// <summary>The last sweep's figures; null before the first sweep that read the account.</summary>
    public AccountStatus? Figures { get; init; }

    /// <summary>Month to date now (billed + live since the billing end); null before the first sweep that read the account.</summary>
    public MonthToDateView? MonthToDate { get; init; }

    public SweepHealth? Health { get; init; }

    public TimeSpan? LastSuccessAge { get; init; }

    /// <summary>No successful sweep for 3 of the policy's intervals (or never), or <see cref="FiguresStale"/>.</summary>
    public required bool Stale { get; init; }

    /// <summary>The last sweep could not read the inventory: the figures are those of <see cref="AccountStatus.SweptAt"/>, not refreshed.</summary>
    public bool FiguresStale => Figures?.ReadFailedAt is not null;
}
