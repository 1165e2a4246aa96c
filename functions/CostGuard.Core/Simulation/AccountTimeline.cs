using CostGuard.Fleet;
using CostGuard.Policies;

namespace CostGuard.Simulation;

/// <summary>One account over the whole trace: hourly spend/burn points and closed UTC days (with the guard).</summary>
public sealed record AccountTimeline
{
    public required CloudKind Cloud { get; init; }

    public required string Account { get; init; }

    /// <summary>False when the policy lists accounts and this is not one of them (never acted on).</summary>
    public required bool InScope { get; init; }

    public required decimal SpendWithoutUsd { get; init; }

    public required decimal SpendWithUsd { get; init; }

    public decimal? MaxHourlyBurnUsd { get; init; }

    public required IReadOnlyList<TimelinePoint> Points { get; init; }

    public required IReadOnlyList<DailyUsage> Days { get; init; }
}
